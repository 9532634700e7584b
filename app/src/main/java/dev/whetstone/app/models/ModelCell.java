package dev.whetstone.app.models;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.fx.Units;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** One row of the models list: the name, then the source and size, or that it cannot be used (the reason in its tooltip). */
final class ModelCell extends ListCell<ModelEntry> {
    private final Label name = new Label();
    private final Label detail = new Label();
    private final VBox box = new VBox(2, name, detail);

    ModelCell() {
        setPrefWidth(0);   // fit the list's width: long names end in "…" instead of a horizontal scroll bar
        name.getStyleClass().add(Styles.TEXT_BOLD);
        detail.getStyleClass().add(Styles.TEXT_SMALL);
    }

    @Override
    protected void updateItem(ModelEntry entry, boolean empty) {
        super.updateItem(entry, empty);
        if (empty || entry == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        setTooltip(new Tooltip(entry.usable() ? entry.folder().toString() : entry.problem()));
        name.setText(entry.name());
        detail.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        if (entry.usable()) {
            detail.setText(entry.source().label() + " · " + entry.config().architecture().hfName() + " · "
                    + Units.count(entry.config().parameterCount()) + " parameters");
            detail.getStyleClass().add(Styles.TEXT_MUTED);
        } else {
            detail.setText(entry.source().label() + " · cannot be used (select it to see why)");
            detail.getStyleClass().add(Styles.DANGER);
        }
        setGraphic(box);
    }
}
