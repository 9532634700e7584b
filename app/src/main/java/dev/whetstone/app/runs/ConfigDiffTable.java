package dev.whetstone.app.runs;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** The config diff of the compared runs: one row a setting, one column a run; differing rows are bold. */
final class ConfigDiffTable extends TableView<ConfigDiff.Row> {

    ConfigDiffTable(ObjectProperty<ConfigDiff> diff) {
        setId("runs-diff");
        setPlaceholder(new javafx.scene.control.Label("Select two or more runs to compare their settings."));
        // every column shares the width: with flex-last, columns added after the first layout left the setting
        // column the whole table and squeezed the runs' values to nothing
        setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ConfigDiff.Row row, boolean empty) {
                super.updateItem(row, empty);
                setStyle(row != null && row.differs() ? "-fx-font-weight: bold;" : "");
            }
        });
        diff.addListener((obs, old, now) -> show(now));
    }

    private void show(ConfigDiff diff) {
        getColumns().clear();
        if (diff == null) {
            getItems().clear();
            return;
        }
        TableColumn<ConfigDiff.Row, String> key = new TableColumn<>("setting");
        key.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().key()));
        key.setPrefWidth(200);
        getColumns().add(key);
        for (int i = 0; i < diff.runs().size(); i++) {
            int run = i;
            TableColumn<ConfigDiff.Row, String> col = new TableColumn<>(diff.runs().get(i));
            col.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().values().get(run)));
            col.setPrefWidth(200);
            getColumns().add(col);
        }
        getItems().setAll(diff.rows());
    }
}
