package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerDark;
import dev.whetstone.app.fx.CanvasColors;
import dev.whetstone.app.runs.RunDashboardView;
import dev.whetstone.app.runs.RunRow;
import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.app.shell.ShellView;
import dev.whetstone.app.tasks.TaskListButton;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What makes the window a desktop app, in the real window headless: the menu bar and its shortcuts, the
 * dark theme (canvases included) kept across restarts with the window's place, the dataset library with
 * the starter's skills, a dataset file dropped on Datasets, Show in folder for runs and checkpoints, and
 * the task list with Cancel and the in-window notification that follows.
 */
class DesktopConventionsTest extends FxRobot {
    @TempDir
    Path tmp;
    private Path home;
    private Path opened;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.complete(home, "r1", 3);
        TinyRun.dataset(home.resolve("datasets/chat.jsonl"), 40);
        // a file manager that writes down the folder it was asked to open
        opened = tmp.resolve("opened.txt");
        Path fileManager = tmp.resolve("file-manager.sh");
        Files.writeString(fileManager, "#!/bin/sh\necho \"$1\" > '" + opened + "'\n");
        Files.setPosixFilePermissions(fileManager, PosixFilePermissions.fromString("rwxr-xr-x"));
        app = RunningApp.start(home, tmp.resolve("hub"), Map.of("WHETSTONE_FILE_MANAGER", fileManager.toString()));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void theLibraryListsInstalledDatasetsAndADroppedFileIsReadyToImport() throws Exception {
        clickOn("#nav-datasets");
        ListView<Path> library = lookup("#dataset-library").queryListView();
        assertThat(library.getItems()).extracting(p -> home.resolve("datasets").relativize(p).toString().replace(File.separatorChar, '/'))
                .containsExactly("chat.jsonl", "whetstone-starter/word-count/heldout.jsonl", "whetstone-starter/word-count/train.jsonl",
                        "whetstone-starter/word-kind/heldout.jsonl", "whetstone-starter/word-kind/train.jsonl");

        // a real drag and drop: a node holding the file (put in the status bar, since headless Monocle routes a
        // drag within one window only) is dragged by the robot onto the library; the pane reads the Dragboard
        Path dropped = TinyRun.dataset(tmp.resolve("downloads/dropped.jsonl"), 6);
        Label source = new Label("dropped.jsonl");
        source.setOnDragDetected(e -> {
            ClipboardContent files = new ClipboardContent();
            files.putFiles(List.of(dropped.toFile()));
            source.startDragAndDrop(TransferMode.COPY).setContent(files);
            e.consume();
        });
        interact(() -> ((javafx.scene.layout.Pane) lookup(".status-bar").query()).getChildren().add(source));
        drag(source).dropTo("#dataset-library");
        Waits.until(() -> !lookup("#import-detected").queryLabeled().getText().isEmpty(),
                () -> lookup("#dataset-message").queryLabeled().getText());
        assertThat(lookup("#import-path").queryTextInputControl().getText()).isEqualTo(dropped.toString());
        assertThat(lookup("#import-detected").queryLabeled().getText()).startsWith("Detected chat messages");
        clickOn("#import-confirm");
        Waits.until(() -> library.getItems().contains(home.resolve("datasets/dropped.jsonl")), () -> library.getItems().toString());
    }

    @Test
    void theMenuBarHasEveryShortcutAndTheDarkThemeAndWindowPlaceOutliveARestart() throws Exception {
        push(KeyCode.F1);
        Waits.until(() -> lookup("#shortcuts-table").tryQuery().isPresent(), () -> "no shortcuts dialog");
        String shortcuts = lookup("#shortcuts-table .label").queryAllAs(Label.class).stream().map(Label::getText).toList().toString();
        assertThat(shortcuts).contains("File › Import dataset…", "Edit › Undo", "View › Models", "View › Dark theme",
                "Help › Keyboard shortcuts", "Ctrl+Z", "Ctrl+2", "Ctrl+Shift+D", "F1");
        javafx.stage.Stage dialog = (javafx.stage.Stage) lookup("#shortcuts-table").query().getScene().getWindow();
        interact(dialog::close);

        clickOn("#nav-runs");
        clickOn(runCell("r1"));
        RunDashboardView dashboard = lookup("#run-dashboard").queryAs(RunDashboardView.class);
        Color lightText = dashboard.lossChart().canvasColors().get(CanvasColors.Role.TEXT);
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        Color darkText = dashboard.lossChart().canvasColors().get(CanvasColors.Role.TEXT);
        assertThat(darkText.getBrightness()).as("the chart's text follows the theme").isGreaterThan(lightText.getBrightness() + 0.2);

        interact(() -> {
            app.stage().setX(40);
            app.stage().setY(30);
        });
        app.close();
        assertThat(SettingsFile.under(home).current().theme()).isEqualTo("dark");
        app = RunningApp.start(home, tmp.resolve("hub"));
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(new PrimerDark().getUserAgentStylesheet());
        assertThat(app.stage().getX()).isEqualTo(40);
        assertThat(app.stage().getY()).isEqualTo(30);
        push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D);
        assertThat(SettingsFile.under(home).current().theme()).isEqualTo("light");
    }

    @Test
    void showInFolderOpensTheRunsAndTheCheckpointsFolder() throws Exception {
        clickOn("#nav-runs");
        clickOn(runCell("r1"));
        clickOn("#runs-show-folder");
        Waits.until(() -> Files.exists(opened) && !Files.readString(opened).isBlank(), () -> "nothing opened");
        assertThat(Path.of(Files.readString(opened).strip())).isEqualTo(home.resolve("runs/r1").toAbsolutePath());

        Files.delete(opened);
        clickOn("#nav-checkpoints");
        TableView<Object> table = lookup("#checkpoints-table").queryTableView();
        Waits.until(() -> table.getItems().toString().contains("tinker://r1/weights/final"), () -> table.getItems().toString());
        interact(() -> lookup("#checkpoints-search").queryTextInputControl().setText("weights/final"));
        assertThat(table.getItems()).allSatisfy(row -> assertThat(row.toString()).contains("weights/final"));
        interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.toString().contains("tinker://r1/weights/final")).findFirst().orElseThrow()));
        clickOn("#checkpoints-show-folder");
        Waits.until(() -> Files.exists(opened) && !Files.readString(opened).isBlank(), () -> "nothing opened");
        assertThat(Path.of(Files.readString(opened).strip())).isEqualTo(home.resolve("runs/r1/weights/final").toAbsolutePath());
        assertThat(Path.of(Files.readString(opened).strip())).isDirectory();
    }

    @Test
    void aRunIsATaskThatCancelStopsAndTheWindowSaysSo() throws Exception {
        String runId = new WizardRobot(this).modelAndData("tiny-qwen3", "chat.jsonl").method(100, 1, 1e-3).start();
        TaskListButton tasks = lookup("#status-tasks").queryAs(TaskListButton.class);
        Waits.until(() -> tasks.getText().equals("1 task running"), tasks::getText);
        clickOn(tasks);
        Waits.until(() -> lookup(".task-title").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().equals("Training " + runId)),
                () -> "task list: " + tasks.view().getTasks());
        Waits.until(() -> lookup(".task-message").queryAllAs(Label.class).stream().anyMatch(l -> l.getText().startsWith("step ")),
                () -> "no progress in the task list");
        // the pop-over wears the theme's colours (whetstone.css), not ControlsFX's own white (popover.css: 95% opaque),
        // which stayed white under the dark theme
        javafx.scene.shape.Path border = (javafx.scene.shape.Path) tasks.popOver().getRoot().lookup(".border");
        assertThat(((javafx.scene.paint.Color) border.getFill()).getOpacity()).as("pop-over fill " + border.getFill()).isEqualTo(1.0);
        clickOn(".task-cancel-button");
        ShellView shell = lookup(".shell").queryAs(ShellView.class);
        Waits.until(() -> shell.notices().isShowing() && shell.notices().getText().equals("Training " + runId + ": cancelled."),
                () -> "notification: " + shell.notices().getText());
        Waits.until(() -> tasks.getText().equals("No background tasks"), tasks::getText);
        Waits.until(() -> lookup("#wizard-run-headline").queryLabeled().getText().startsWith("The run has stopped"),
                () -> lookup("#wizard-run-headline").queryLabeled().getText());
    }

    private Node runCell(String runId) {
        return lookup("#runs-list .list-cell").match((javafx.scene.control.ListCell<RunRow> cell) -> cell.getItem() != null
                && cell.getItem().runId().equals(runId)).query();
    }
}
