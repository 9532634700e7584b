package dev.whetstone.app.runs;

import java.util.ArrayList;
import java.util.List;
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
        // fixed widths (scrolling sideways for many runs): a constrained policy gave the setting column the whole
        // width and elided the runs' values, because the columns are replaced after the table was laid out
        setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
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
        if (diff == null) {
            getColumns().clear();
            getItems().clear();
            return;
        }
        List<TableColumn<ConfigDiff.Row, String>> columns = new ArrayList<>();
        TableColumn<ConfigDiff.Row, String> key = new TableColumn<>("setting");
        key.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().key()));
        columns.add(key);
        for (int i = 0; i < diff.runs().size(); i++) {
            int run = i;
            TableColumn<ConfigDiff.Row, String> col = new TableColumn<>(diff.runs().get(i));
            col.setCellValueFactory(c -> new SimpleStringProperty(c.getValue().values().get(run)));
            columns.add(col);
        }
        columns.forEach(c -> c.setPrefWidth(220));
        getColumns().setAll(columns);
        getItems().setAll(diff.rows());
    }
}
