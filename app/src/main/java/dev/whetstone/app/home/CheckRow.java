package dev.whetstone.app.home;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** One environment check: a status badge, then the name, the value and (when there is any) the advice, one under the other. */
final class CheckRow extends HBox {

    CheckRow(EnvironmentCheck check) {
        super(12);
        setId("check-" + check.name().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        Label badge = new Label(badgeText(check.status()));
        badge.getStyleClass().addAll("status-badge", badgeStyle(check.status()));
        badge.setMinWidth(86);
        badge.setAlignment(Pos.CENTER);
        Label name = new Label(check.name());
        name.getStyleClass().add(Styles.TEXT_BOLD);
        Label value = new Label(check.value());
        value.setId(getId() + "-value");
        value.setWrapText(true);
        VBox text = new VBox(2, name, value);
        if (!check.advice().isEmpty()) {
            Label advice = new Label(check.advice());
            advice.setWrapText(true);
            advice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            text.getChildren().add(advice);
        }
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(badge, text);
    }

    private static String badgeText(EnvironmentCheck.Status status) {
        return switch (status) {
            case CHECKING -> "checking";
            case OK -> "ok";
            case ATTENTION -> "attention";
            case PROBLEM -> "problem";
        };
    }

    private static String badgeStyle(EnvironmentCheck.Status status) {
        return switch (status) {
            case CHECKING -> "badge-muted";
            case OK -> "badge-success";
            case ATTENTION -> "badge-warning";
            case PROBLEM -> "badge-danger";
        };
    }
}
