package dev.whetstone.app.shell;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** A pane that is not built yet: its name, what it will hold, and the issue that brings it. No fake content. */
final class PlaceholderView extends VBox {

    PlaceholderView(Place place) {
        super(12);
        setAlignment(Pos.CENTER);
        setPadding(new Insets(48));
        setMaxWidth(640);
        Label title = new Label(place.title());
        title.getStyleClass().add(Styles.TITLE_2);
        Label status = new Label(place.comingWithIssue().map(n -> "Not built yet — arrives with issue " + n + ".")
                .orElse("Not built yet."));
        status.setId("placeholder-status");
        status.getStyleClass().addAll(Styles.TEXT_BOLD, Styles.WARNING);
        Label purpose = new Label(place.purpose());
        purpose.setWrapText(true);
        purpose.getStyleClass().add(Styles.TEXT_MUTED);
        getChildren().addAll(title, status, purpose);
    }
}
