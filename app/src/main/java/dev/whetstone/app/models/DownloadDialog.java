package dev.whetstone.app.models;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;

/**
 * Models → Download…: suggested models with their download size and LoRA memory, a repo id and revision,
 * and the download's progress, speed and cancel. It does not block the window; closing it stops the
 * download (the next one continues where it stopped).
 */
final class DownloadDialog extends Dialog<Void> {
    private static final ButtonType DOWNLOAD = new ButtonType("Download", ButtonBar.ButtonData.OK_DONE);
    private static final ButtonType STOP = new ButtonType("Stop", ButtonBar.ButtonData.OTHER);

    private final DownloadViewModel model;
    private final TableView<DownloadViewModel.Suggestion> suggestions = new TableView<>();
    private final Label basis = new Label();

    DownloadDialog(DownloadViewModel model, Window owner) {
        this.model = model;
        initOwner(owner);
        initModality(Modality.NONE);
        setTitle("Download a model");
        setHeaderText("Download a model from the Hugging Face Hub");
        setResizable(true);
        getDialogPane().getButtonTypes().addAll(DOWNLOAD, STOP, ButtonType.CLOSE);
        getDialogPane().setContent(content());
        getDialogPane().setMinWidth(920);
        getDialogPane().setPrefWidth(920);

        Button download = (Button) getDialogPane().lookupButton(DOWNLOAD);
        download.setId("download-start");
        download.disableProperty().bind(model.canStart().not());
        download.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();   // the dialog stays open while the download runs
            model.start();
        });
        Button stop = (Button) getDialogPane().lookupButton(STOP);
        stop.setId("download-cancel");
        stop.disableProperty().bind(model.downloading().not());
        stop.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            model.cancel();
        });
        setOnHidden(e -> model.cancel());
    }

    /** Shows the dialog with the suggestions' estimates recomputed for the pane's current settings. */
    void open() {
        suggestions.getItems().setAll(model.suggestions());
        basis.setText(model.estimateBasis());
        if (!isShowing()) {
            show();
        }
        ((javafx.stage.Stage) getDialogPane().getScene().getWindow()).toFront();
    }

    private VBox content() {
        basis.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        suggestions.setId("download-suggestions");
        suggestions.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
        suggestions.setPrefHeight(230);
        suggestions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        suggestions.getColumns().add(column("Model", 300, s -> s.model().repoId()));
        suggestions.getColumns().add(column("Download", 90, DownloadViewModel.Suggestion::download));
        suggestions.getColumns().add(column("LoRA memory", 120, DownloadViewModel.Suggestion::loraMemory));
        suggestions.getColumns().add(column("", 350, s -> s.model().summary()));
        suggestions.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.choose(now.model());
            }
        });

        TextField repo = new TextField();
        repo.setId("download-repo");
        repo.setPromptText("Owner/Name, e.g. Qwen/Qwen3-0.6B");
        repo.textProperty().bindBidirectional(model.repoId());
        repo.setOnAction(e -> model.start());
        TextField revision = new TextField();
        revision.setId("download-revision");
        revision.setPromptText("main");
        revision.textProperty().bindBidirectional(model.revision());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        form.addRow(0, new Label("Repo id"), repo);
        form.addRow(1, new Label("Revision"), revision);
        GridPane.setHgrow(repo, Priority.ALWAYS);

        ProgressBar bar = new ProgressBar(0);
        bar.setId("download-progress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progress());
        Label status = new Label();
        status.setId("download-status");
        status.textProperty().bind(model.status());
        Label message = new Label();
        message.setId("download-message");
        message.setWrapText(true);
        message.textProperty().bind(model.message());
        model.messageIsError().addListener((obs, was, error) -> style(message, error));
        style(message, model.messageIsError().get());
        HBox progress = new HBox(10, bar);
        progress.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(bar, Priority.ALWAYS);

        Label where = new Label(model.whereFilesGo() + " Closing this window stops the download; downloading again"
                + " continues where it stopped.");
        where.setWrapText(true);
        where.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

        VBox box = new VBox(10, new Label("Suggested models (or type any repo id below)"), suggestions, basis, form, progress,
                status, message, where);
        box.setPadding(new Insets(8, 16, 0, 16));
        return box;
    }

    private static TableColumn<DownloadViewModel.Suggestion, String> column(String title, double width,
            java.util.function.Function<DownloadViewModel.Suggestion, String> text) {
        TableColumn<DownloadViewModel.Suggestion, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width * 0.8);
        column.setCellValueFactory(row -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(row.getValue())));
        column.setSortable(false);
        return column;
    }

    private static void style(Label message, boolean error) {
        message.getStyleClass().removeAll(Styles.DANGER, Styles.TEXT_MUTED);
        message.getStyleClass().add(error ? Styles.DANGER : Styles.TEXT_MUTED);
    }
}
