package dev.whetstone.app.models;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.settings.LastFolders;
import java.io.File;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;

/**
 * The Models pane: the list of models (added folders, the Hugging Face cache, the engine home) and the
 * selected one's details with the LoRA memory estimate. Folders are added with "Add folder…" or by
 * dropping them anywhere on the pane.
 */
public final class ModelsView extends VBox {
    private final ModelsViewModel model;
    private final DownloadViewModel download;
    private DownloadDialog downloadDialog;

    private final LastFolders folders;

    /**
     * The pane over {@code model} (the list), {@code details} (the selection) and {@code download} (Download…);
     * the chooser remembers {@code folders}.
     */
    public ModelsView(ModelsViewModel model, ModelDetailsViewModel details, DownloadViewModel download, LastFolders folders) {
        super(12);
        this.model = model;
        this.download = download;
        this.folders = folders;
        setPadding(new Insets(20, 24, 16, 24));
        Label title = new Label("Models");
        title.getStyleClass().add(Styles.TITLE_2);
        Label hint = new Label("Pick a base model to fine-tune. Drop a Hugging Face model folder here to add it, or use"
                + " Download… to get one from the Hugging Face Hub. " + model.whereItLooks() + ".");
        hint.setWrapText(true);
        hint.getStyleClass().add(Styles.TEXT_MUTED);

        SplitPane split = new SplitPane(list(), new ModelDetailsView(details));
        split.setDividerPositions(0.38);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, hint, toolbar(), message(), split);

        setOnDragOver(this::acceptFolders);
        setOnDragDropped(this::dropFolders);
    }

    private HBox toolbar() {
        Button add = new Button("Add folder…");
        add.setId("models-add");
        add.getStyleClass().add(Styles.ACCENT);
        add.setOnAction(e -> chooseFolder());
        Button fetch = new Button("Download…");
        fetch.setId("models-download");
        fetch.setOnAction(e -> openDownload());
        Button rescan = new Button("Rescan");
        rescan.setId("models-rescan");
        rescan.disableProperty().bind(model.scanning());
        rescan.setOnAction(e -> model.refresh());
        Button remove = new Button("Remove from list");
        remove.setId("models-remove");
        remove.disableProperty().bind(model.selected().map(m -> m.source() != ModelSource.LOCAL_FOLDER).orElse(true));
        remove.setOnAction(e -> model.removeSelected());
        ProgressBar progress = new ProgressBar();
        progress.setId("models-progress");
        progress.progressProperty().bind(model.progress());
        progress.visibleProperty().bind(model.scanning());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, add, fetch, rescan, remove, spacer, progress);
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private Label message() {
        Label message = new Label();
        message.setId("models-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        model.messageIsError().addListener((obs, was, error) -> styleMessage(message, error));
        styleMessage(message, model.messageIsError().get());
        return message;
    }

    private static void styleMessage(Label message, boolean error) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(error ? Styles.DANGER : Styles.TEXT_MUTED);
    }

    private ListView<ModelEntry> list() {
        ListView<ModelEntry> list = new ListView<>(model.models());
        list.setId("models-list");
        list.setCellFactory(v -> new ModelCell());
        Label empty = new Label("No models yet.\nDrop a model folder here, or use Add folder….");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selected().set(now);
            }
        });
        model.selected().addListener((obs, old, now) -> list.getSelectionModel().select(now));
        list.getSelectionModel().select(model.selected().get());
        return list;
    }

    private void openDownload() {
        if (downloadDialog == null) {
            downloadDialog = new DownloadDialog(download, getScene().getWindow());
        }
        downloadDialog.open();
    }

    /** File → Add model folder… and the Add folder… button: the folder chooser, opened where the last model was. */
    public void chooseFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Choose a Hugging Face model folder (with config.json)");
        chooser.setInitialDirectory(folders.initial(LastFolders.MODEL_FOLDER));
        File chosen = chooser.showDialog(getScene().getWindow());
        if (chosen != null) {
            folders.remember(LastFolders.MODEL_FOLDER, chosen.toPath().getParent());
            model.addFolder(chosen.toPath());
        }
    }

    private void acceptFolders(DragEvent event) {
        if (event.getDragboard().hasFiles()) {
            event.acceptTransferModes(TransferMode.COPY, TransferMode.LINK);
        }
        event.consume();
    }

    private void dropFolders(DragEvent event) {
        List<File> files = event.getDragboard().hasFiles() ? event.getDragboard().getFiles() : List.of();
        model.addDropped(files.stream().map(File::toPath).toList());
        event.setDropCompleted(!files.isEmpty());
        event.consume();
    }
}
