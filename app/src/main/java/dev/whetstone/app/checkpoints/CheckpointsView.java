package dev.whetstone.app.checkpoints;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.fx.Units;
import dev.whetstone.app.settings.LastFolders;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TextField;
import org.controlsfx.control.textfield.TextFields;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceDialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Checkpoints pane: a searchable table of every checkpoint (run, name, step, time, size, expiry) and its
 * actions; export and merge choosers open in the folder the last export went to.
 */
public final class CheckpointsView extends VBox {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final CheckpointsViewModel model;
    private final LastFolders folders;
    private final TableView<CheckpointRow> table = new TableView<>();

    public CheckpointsView(CheckpointsViewModel model, LastFolders folders) {
        super(8);
        this.model = model;
        this.folders = folders;
        setPadding(new Insets(12));
        Label title = new Label("Checkpoints");
        title.getStyleClass().add(Styles.TITLE_3);
        table.setId("checkpoints-table");
        FilteredList<CheckpointRow> shown = new FilteredList<>(model.checkpoints());
        SortedList<CheckpointRow> sorted = new SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TextField search = TextFields.createClearableTextField();
        search.setId("checkpoints-search");
        search.setPromptText("Search checkpoints by run or name");
        search.setMaxWidth(360);
        search.textProperty().addListener((obs, old, now) -> shown.setPredicate(row -> matches(row, now)));
        table.setPlaceholder(new Label("No checkpoints yet: a run saves them every few steps and at the end."));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Run", CheckpointRow::runId));
        table.getColumns().add(column("Checkpoint", r -> r.checkpoint().checkpointId()));
        table.getColumns().add(column("Step", r -> r.step() < 0 ? "" : Long.toString(r.step())));
        table.getColumns().add(column("Saved", r -> TIME.format(r.checkpoint().time())));
        table.getColumns().add(column("Size", r -> Units.bytes(r.checkpoint().sizeBytes())));
        table.getColumns().add(column("Expires", r -> r.expiresAt() == null ? "never" : TIME.format(r.expiresAt())));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(new HBox(16, title, search), table, actions(), status());
    }

    private static boolean matches(CheckpointRow row, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        return q.isEmpty() || row.path().toLowerCase(java.util.Locale.ROOT).contains(q);
    }

    private static TableColumn<CheckpointRow, String> column(String name, Function<CheckpointRow, String> value) {
        TableColumn<CheckpointRow, String> col = new TableColumn<>(name);
        col.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        return col;
    }

    private FlowPane actions() {
        Button play = action("Open in Playground", "checkpoints-play", model::openInPlayground);
        Button peft = action("Export PEFT…", "checkpoints-export-peft", r -> choose(true, r.name() + "-peft")
                .ifPresent(dir -> model.exportPeft(r, dir)));
        Button tar = action("Export Tinker tar…", "checkpoints-export-tar", r -> choose(false, r.name() + ".tar")
                .ifPresent(file -> model.exportTar(r, file)));
        Button merge = action("Merge to full model…", "checkpoints-merge", r -> choose(true, r.name() + "-merged")
                .ifPresent(dir -> model.merge(r, dir)));
        Button ttl = action("Set expiry…", "checkpoints-ttl", this::askTtl);
        Button refresh = new Button("Refresh");
        refresh.setOnAction(e -> model.refresh());
        Button delete = action("Delete…", "checkpoints-delete", this::confirmDelete);
        delete.getStyleClass().add(Styles.DANGER);
        Button folder = action("Show in folder", "checkpoints-show-folder", model::showInFolder);
        return new FlowPane(6, 6, play, resumeFrom(), peft, tar, merge, ttl, folder, delete, refresh);
    }

    /** "Resume from it", enabled for training checkpoints; when disabled its tooltip says why (shown by a wrapper, since a disabled button gets no mouse events). */
    private StackPane resumeFrom() {
        Button resume = new Button("Resume from it");
        resume.setId("checkpoints-resume");
        var selected = table.getSelectionModel().selectedItemProperty();
        var why = javafx.beans.binding.Bindings.createStringBinding(() -> CheckpointsViewModel.resumeProblem(selected.get()), selected);
        resume.disableProperty().bind(why.isNotNull().or(model.busy()));
        resume.setOnAction(e -> model.resumeFrom(selected.get()));
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.textProperty().bind(javafx.beans.binding.Bindings.when(why.isNull())
                .then("Start a new run from this checkpoint: same config, its weights and optimizer state, from its step on")
                .otherwise(why));
        resume.setTooltip(tip);
        StackPane wrapper = new StackPane(resume);
        wrapper.setId("checkpoints-resume-wrapper");
        Tooltip.install(wrapper, tip);
        return wrapper;
    }

    private Button action(String text, String id, java.util.function.Consumer<CheckpointRow> act) {
        Button b = new Button(text);
        b.setId(id);
        b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull().or(model.busy()));
        b.setOnAction(e -> act.accept(table.getSelectionModel().getSelectedItem()));
        return b;
    }

    private HBox status() {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(16, 16);
        spinner.visibleProperty().bind(model.busy());
        Label message = new Label();
        message.setId("checkpoints-message");
        message.textProperty().bind(model.message());
        message.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(8, spinner, message);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Where to write; tests set {@code whetstone.exportDir} to skip the native dialog. */
    private java.util.Optional<Path> choose(boolean folder, String name) {
        String preset = System.getProperty("whetstone.exportDir");
        if (preset != null) {
            return java.util.Optional.of(Path.of(preset, name));
        }
        File chosen;
        if (folder) {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose the folder to write " + name + " into");
            chooser.setInitialDirectory(folders.initial(LastFolders.EXPORT));
            chosen = chooser.showDialog(getScene().getWindow());
            java.util.Optional.ofNullable(chosen).ifPresent(f -> folders.remember(LastFolders.EXPORT, f.toPath()));
            return java.util.Optional.ofNullable(chosen).map(f -> f.toPath().resolve(name));
        }
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.setInitialDirectory(folders.initial(LastFolders.EXPORT));
        chosen = chooser.showSaveDialog(getScene().getWindow());
        java.util.Optional.ofNullable(chosen).ifPresent(f -> folders.remember(LastFolders.EXPORT, f.toPath().getParent()));
        return java.util.Optional.ofNullable(chosen).map(File::toPath);
    }

    private void askTtl(CheckpointRow row) {
        ChoiceDialog<String> dialog = new ChoiceDialog<>("7 days", "1 day", "7 days", "30 days", "never");
        dialog.setHeaderText("Keep " + row.name() + " for …");
        dialog.showAndWait().ifPresent(choice -> model.setTtl(row, "never".equals(choice) ? null
                : Duration.ofDays(Long.parseLong(choice.split(" ")[0]))));
    }

    private void confirmDelete(CheckpointRow row) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, "Delete " + row.path() + "? This cannot be undone.",
                ButtonType.CANCEL, ButtonType.OK);
        alert.setHeaderText("Delete checkpoint " + row.name() + "?");
        alert.showAndWait().filter(ButtonType.OK::equals).ifPresent(b -> model.delete(row));
    }

}
