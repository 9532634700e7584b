package dev.whetstone.app.datasets;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.settings.LastFolders;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Datasets pane: import row, library list, the editor (toolbar, table, row editor) and on the right
 * the token inspector over the lint panel. Ctrl+Z / Ctrl+Y undo and redo, Ctrl+S saves, Ctrl+F searches.
 * A dataset file dropped anywhere on the pane goes into the import row, detected and ready for Import.
 */
public final class DatasetsView extends VBox {
    private final DatasetEditorViewModel editor;
    private final TextField search = new TextField();
    private final ImportBar importBar;
    private javafx.scene.Scene shortcutsInstalledOn;

    public DatasetsView(DatasetsViewModel datasets, TokenInspectorViewModel inspector, RenderSettingsViewModel settings,
                        LintViewModel lint, LastFolders folders) {
        super(8);
        this.editor = datasets.editor();
        this.importBar = new ImportBar(datasets, folders);
        setPadding(new Insets(16, 20, 12, 20));
        Label title = new Label("Datasets");
        title.getStyleClass().add(Styles.TITLE_2);
        RowTable table = new RowTable(editor);
        VBox editorBox = new VBox(6, toolbar(), searchBar(), table);
        VBox.setVgrow(table, Priority.ALWAYS);
        SplitPane center = new SplitPane(editorBox, new RowEditorView(editor));
        center.setOrientation(Orientation.VERTICAL);
        center.setDividerPositions(0.62);
        SplitPane right = new SplitPane(new TokenInspectorView(inspector, settings), new LintView(lint));
        right.setOrientation(Orientation.VERTICAL);
        right.setDividerPositions(0.5);
        SplitPane split = new SplitPane(library(datasets), center, right);
        split.setDividerPositions(0.12, 0.6);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, importBar, status(), split);
        setOnDragOver(DatasetsView::acceptFiles);
        setOnDragDropped(event -> {
            List<File> files = event.getDragboard().hasFiles() ? event.getDragboard().getFiles() : List.of();
            datasets.dropped(files.stream().map(File::toPath).toList());
            event.setDropCompleted(!files.isEmpty());
            event.consume();
        });
        sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null && scene != shortcutsInstalledOn) {
                shortcutsInstalledOn = scene;
                installShortcuts(scene);
            }
        });
    }

    /** File → Import dataset…: the import row's file chooser. */
    public void browseForImport() {
        importBar.browse();
    }

    /** Edit → Find rows: the search field. */
    public void focusSearch() {
        search.requestFocus();
    }

    private static void acceptFiles(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        event.consume();
    }

    private HBox toolbar() {
        Button add = button("Add", "dataset-add", editor::add, "Add an empty row (user + assistant)");
        Button duplicate = button("Duplicate", "dataset-duplicate", editor::duplicateSelected, "Copy the selected row");
        Button delete = button("Delete", "dataset-delete", editor::deleteSelected, "Delete the selected row");
        duplicate.disableProperty().bind(editor.selected().isNull());
        delete.disableProperty().bind(editor.selected().isNull());
        Button undo = button("Undo", "dataset-undo", editor::undo, "Undo (Ctrl+Z)");
        undo.disableProperty().bind(editor.canUndo().not());
        Button redo = button("Redo", "dataset-redo", editor::redo, "Redo (Ctrl+Y)");
        redo.disableProperty().bind(editor.canRedo().not());
        Button save = button("Save", "dataset-save", editor::save, "Save as JSONL (Ctrl+S); unreadable lines are kept");
        save.disableProperty().bind(editor.dirty().not().or(editor.busy()));
        save.getStyleClass().add(Styles.ACCENT);
        HBox bar = new HBox(6, add, duplicate, delete, undo, redo, save);
        bar.getChildren().forEach(b -> ((Button) b).setMinWidth(Region.USE_PREF_SIZE));
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox searchBar() {
        search.setId("dataset-search");
        search.setPromptText("Search rows (Ctrl+F)");
        search.textProperty().bindBidirectional(editor.search());
        HBox.setHgrow(search, Priority.ALWAYS);
        Spinner<Integer> split = new Spinner<>(0, 50, (int) Math.round(editor.validationFraction().get() * 100), 5);
        split.setId("dataset-split");
        split.setPrefWidth(80);
        split.setTooltip(new Tooltip("Validation share, % of rows held out for evaluation"));
        split.valueProperty().addListener((obs, old, now) -> editor.setValidationFraction(now / 100.0));
        Label splitLabel = new Label("val %");
        HBox bar = new HBox(6, search, splitLabel, split);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox status() {
        Label message = new Label();
        message.setId("dataset-message");
        message.setWrapText(true);
        message.textProperty().bind(editor.message());
        editor.messageIsError().addListener((obs, was, error) -> style(message, error));
        ProgressBar progress = new ProgressBar();
        progress.setId("dataset-progress");
        progress.progressProperty().bind(editor.progress());
        Button cancel = button("Cancel", "dataset-cancel", editor::cancelLoad, "Stop loading");
        progress.visibleProperty().bind(editor.busy());
        cancel.visibleProperty().bind(editor.busy());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox box = new HBox(8, message, spacer, progress, cancel);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static void style(Label message, boolean error) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(error ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    private static VBox library(DatasetsViewModel datasets) {
        ListView<Path> list = new ListView<>(datasets.datasets());
        list.setId("dataset-library");
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Path item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : datasets.name(item));
            }
        });
        Label empty = new Label("Empty. Imports are saved here: type or browse to a file above, or drop files on this pane.");
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null && !now.equals(datasets.editor().file().get())) {
                datasets.open(now);
            }
        });
        datasets.selected().addListener((obs, old, now) -> list.getSelectionModel().select(now));
        Label title = new Label("Library");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.setTooltip(new Tooltip(datasets.libraryFolder()));
        VBox.setVgrow(list, Priority.ALWAYS);
        return new VBox(6, title, list);
    }

    private static Button button(String text, String id, Runnable action, String tip) {
        Button button = new Button(text);
        button.setId(id);
        button.setTooltip(new Tooltip(tip));
        button.setOnAction(e -> action.run());
        return button;
    }

    private void installShortcuts(javafx.scene.Scene scene) {
        // only while this pane is shown: the shell swaps panes in and out of the scene
        scene.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (getScene() == null || !isVisible() || getParent() == null) {
                return;
            }
            boolean typing = scene.getFocusOwner() instanceof javafx.scene.control.TextInputControl;
            if (new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN).match(event) && !typing) {
                editor.undo();
            } else if (new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN).match(event) && !typing) {
                editor.redo();
            } else if (new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN).match(event)) {
                editor.save();
            } else if (new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN).match(event)) {
                search.requestFocus();
            } else {
                return;
            }
            event.consume();
        });
    }
}
