package dev.whetstone.app.datasets;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The editor's virtualised table: row number, turn roles, prompt and reply; broken lines in red. */
final class RowTable extends TableView<DatasetRow> {

    RowTable(DatasetEditorViewModel model) {
        super(model.shownRows());
        setId("dataset-table");
        setPlaceholder(new Label("No rows. Open a dataset from the library or import a file."));
        TableColumn<DatasetRow, Integer> number = new TableColumn<>("#");
        number.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(model.rowNumber(c.getValue())));
        number.setPrefWidth(52);
        number.setSortable(false);
        TableColumn<DatasetRow, String> shape = text("Turns", DatasetRow::shape, 150);
        TableColumn<DatasetRow, String> prompt = text("Prompt", DatasetRow::prompt, 260);
        TableColumn<DatasetRow, String> reply = text("Reply / problem", DatasetRow::reply, 260);
        getColumns().setAll(java.util.List.of(number, shape, prompt, reply));
        setColumnResizePolicy(CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        setRowFactory(v -> new BrokenAwareRow());
        getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && now != model.selected().get()) {
                model.selected().set(now);
            }
        });
        model.selected().addListener((obs, old, now) -> {
            if (now != getSelectionModel().getSelectedItem()) {
                getSelectionModel().select(now);
                if (now != null) {
                    scrollTo(now);
                }
            }
        });
    }

    private static TableColumn<DatasetRow, String> text(String title, java.util.function.Function<DatasetRow, String> value,
                                                        double width) {
        TableColumn<DatasetRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(oneLine(value.apply(c.getValue()))));
        column.setPrefWidth(width);
        column.setSortable(false);
        return column;
    }

    private static String oneLine(String text) {
        String flat = text.replace('\n', ' ');
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static final class BrokenAwareRow extends TableRow<DatasetRow> {
        @Override
        protected void updateItem(DatasetRow item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().remove("row-broken");
            if (!empty && item != null && item.isBroken()) {
                getStyleClass().add("row-broken");
            }
        }
    }
}
