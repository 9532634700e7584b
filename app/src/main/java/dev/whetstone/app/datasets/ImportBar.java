package dev.whetstone.app.datasets;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.settings.LastFolders;
import java.io.File;
import java.nio.file.Path;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The import row: a path (typed, pasted, chosen with Browse…, or dropped on the pane), Detect, and once
 * detected the format with its reason, for CSV the column mapping, and Import / Cancel.
 */
final class ImportBar extends VBox {
    private final DatasetsViewModel model;
    private final TextField path = new TextField();

    private final LastFolders folders;

    ImportBar(DatasetsViewModel model, LastFolders folders) {
        super(6);
        this.model = model;
        this.folders = folders;
        path.setId("import-path");
        path.textProperty().bindBidirectional(model.source());
        path.setPromptText("A dataset file to import: .jsonl (messages, Alpaca, ShareGPT, text), .csv or .txt");
        HBox.setHgrow(path, Priority.ALWAYS);
        Button browse = new Button("Browse…");
        browse.setId("import-browse");
        browse.setOnAction(e -> browse());
        Button detect = new Button("Detect format");
        detect.setId("import-detect");
        detect.setOnAction(e -> detect());
        path.setOnAction(e -> detect());
        HBox first = new HBox(6, path, browse, detect);
        first.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(first, planRow());
    }

    private HBox planRow() {
        Label detected = new Label();
        detected.setId("import-detected");
        detected.setWrapText(true);
        detected.getStyleClass().add(Styles.ACCENT);
        HBox.setHgrow(detected, Priority.ALWAYS);
        detected.textProperty().bind(model.plan().map(ImportPlan::summary).orElse(""));
        ComboBox<String> prompt = column("prompt / text column", model);
        prompt.valueProperty().bindBidirectional(model.promptColumn());
        ComboBox<String> completion = column("completion column", model);
        completion.valueProperty().bindBidirectional(model.completionColumn());
        ComboBox<String> system = column("system column", model);
        system.valueProperty().bindBidirectional(model.systemColumn());
        HBox csv = new HBox(6, prompt, completion, system);
        csv.visibleProperty().bind(model.plan().map(ImportPlan::isCsv).orElse(false));
        csv.managedProperty().bind(csv.visibleProperty());
        Button confirm = new Button("Import");
        confirm.setId("import-confirm");
        confirm.getStyleClass().add(Styles.ACCENT);
        confirm.setOnAction(e -> model.confirmImport());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> model.cancelImport());
        HBox row = new HBox(8, detected, csv, confirm, cancel);
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(model.plan().isNotNull());
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private static ComboBox<String> column(String prompt, DatasetsViewModel model) {
        ComboBox<String> box = new ComboBox<>();
        box.setPromptText(prompt);
        model.plan().addListener((obs, old, now) -> {
            box.getItems().setAll(now == null ? java.util.List.of() : now.csvHeader());
            box.getItems().add(0, "");
        });
        return box;
    }

    private void detect() {
        if (!path.getText().isBlank()) {
            model.detect(Path.of(path.getText().strip()));
        }
    }

    /** Opens the file chooser where the last dataset came from, then detects the chosen file. */
    void browse() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a dataset");
        chooser.setInitialDirectory(folders.initial(LastFolders.DATASET_IMPORT));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Datasets", "*.jsonl", "*.json", "*.csv",
                "*.tsv", "*.txt", "*.md"), new FileChooser.ExtensionFilter("All files", "*"));
        File chosen = chooser.showOpenDialog(getScene().getWindow());
        if (chosen != null) {
            folders.remember(LastFolders.DATASET_IMPORT, chosen.toPath().getParent());
            path.setText(chosen.getPath());
            detect();
        }
    }
}
