package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.playground.TokenHeatmap;
import dev.whetstone.app.playground.TokenPiece;
import dev.whetstone.app.runs.RunDashboardView;
import dev.whetstone.app.runs.RunRow;
import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.app.tasks.TaskListButton;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import dev.whetstone.resources.starter.StarterKit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes {@code docs/screenshots/*.png} from the real app, headless, in a 1280×800 window, each in the light
 * theme and, as {@code *-dark.png}, the dark one (switched with the menu's Ctrl+Shift+D): Home, Models, Settings → Engine,
 * Datasets and the wizard; the live dashboard with the task list, Runs compare, Checkpoints, the Playground
 * heatmap and A/B; the starter before and after a fine-tune. Not part of {@code mvn verify}; run it with
 * {@code mvn -B -pl app -am test -Dskip.fixtures=true -Pscreenshots -Dtest=ScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Engine homes hold the golden tiny model, real runs made with it, and the starter the app installs.
 */
@Tag("screenshots")
class ScreenshotsTest extends FxRobot {
    private static final Path OUT = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots"));

    @TempDir
    Path tmp;

    @Test
    void writeHomeAndModels() throws Exception {
        Path home = tmp.resolve("whetstone");
        Path hub = tmp.resolve("hf/hub");
        Path tiny = GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        GoldenModel.copyTo(hub.resolve("models--whetstone--qwen3-tiny-golden/snapshots/3f2a9c1"));
        Path noWeights = Files.createDirectories(tmp.resolve("downloads/my-model-no-weights"));
        Files.copy(GoldenModel.FOLDER.resolve("config.json"), noWeights.resolve("config.json"));
        SettingsFile.under(home).update(s -> s.withWindowSize(1280, 800).withLastPlace("HOME")
                .withModelFolder(noWeights.toString()));
        makeOneRun(home, tiny);
        Files.createDirectories(OUT);

        try (RunningApp app = RunningApp.start(home, hub)) {
            write(app, "home.png");
            clickOn("#nav-models");
            clickOn("tiny-qwen3");
            WaitForAsyncUtils.waitForFxEvents();
            write(app, "models.png");
        }
        assertThat(OUT.resolve("home.png")).exists();
        assertThat(OUT.resolve("models.png")).exists();
    }

    @Test
    void writeEngineSettings() throws Exception {
        Path home = tmp.resolve("whetstone");
        SettingsFile.under(home).update(s -> s.withWindowSize(1280, 800).withLastPlace("HOME"));
        Files.createDirectories(OUT);

        try (RunningApp app = RunningApp.start(home, tmp.resolve("hf/hub"))) {
            clickOn("#nav-settings");
            clickOn("#engine-remote");
            clickOn("#engine-url").write("http://gpu-box:8000");
            clickOn("#engine-key").write("tml-0123456789abcdef");
            WaitForAsyncUtils.waitForFxEvents();
            Node pane = lookup("#engine-settings").query();
            ImageIO.write(SwingFXUtils.fromFXImage(capture(pane).getImage(), null), "png",
                    OUT.resolve("engine-settings.png").toFile());
        }
        assertThat(OUT.resolve("engine-settings.png")).exists();
    }

    @Test
    void writeDatasetsAndWizard() throws Exception {
        Path home = tmp.resolve("whetstone");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        SettingsFile.under(home).update(s -> s.withWindowSize(1280, 800).withLastPlace("DATASETS"));
        Path support = ScreenshotData.supportChat(tmp.resolve("downloads/support-chat.jsonl"));
        Path clean = ScreenshotData.clean(tmp.resolve("downloads/greetings.jsonl"));
        Files.createDirectories(OUT);
        try (RunningApp app = RunningApp.start(home, tmp.resolve("hf/hub"))) {
            importFile(clean);
            importFile(support);
            @SuppressWarnings("unchecked")
            javafx.scene.control.Spinner<Integer> length = (javafx.scene.control.Spinner<Integer>) lookup("#inspector-max-length").query();
            interact(() -> length.getValueFactory().setValue(48));
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !lookup("#lint-findings").queryListView().getItems().isEmpty());
            clickOn("w30 w31 w32 w33");
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> lookup("#inspector-summary").queryLabeled().getText().contains("trained"));
            write(app, "datasets.png");
            clickOn("#nav-train");
            write(app, "wizard-1-model.png");
            clickOn("#wizard-next");
            clickOn("support-chat.jsonl");
            clickOn("#wizard-check");
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> !lookup("#wizard-findings").queryListView().getItems().isEmpty());
            clickOn("#wizard-next");
            write(app, "wizard-2-data-blocked.png");
            clickOn("greetings.jsonl");
            clickOn("#wizard-check");
            WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                    () -> lookup("#wizard-data-summary").queryLabeled().getText().contains(" errors,"));
            write(app, "wizard-2-data.png");
            clickOn("#wizard-next");
            clickOn("#wizard-advanced");
            write(app, "wizard-3-method.png");
            clickOn("#wizard-next");
            write(app, "wizard-4-review.png");
        }
        assertThat(OUT.resolve("datasets.png")).exists();
    }

    @Test
    void writeDashboardRunsCheckpointsAndPlayground() throws Exception {
        Path home = tmp.resolve("whetstone");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.dataset(home.resolve("datasets/support-chat.jsonl"), 40);
        ScreenshotData.twoFinishedRuns(home);
        SettingsFile.under(home).update(s -> s.withWindowSize(1280, 800).withLastPlace("HOME"));
        Files.createDirectories(OUT);
        try (RunningApp app = RunningApp.start(home, tmp.resolve("hf/hub"))) {
            // 40 epochs of batch 4 on 36 examples: 360 steps, stopped after the screenshot
            new WizardRobot(this).modelAndData("tiny-qwen3", "support-chat.jsonl").method(40, 4, 3e-3).start();
            clickOn("#nav-runs");
            RunDashboardView dashboard = lookup("#run-dashboard").queryAs(RunDashboardView.class);
            Label status = lookup("#dashboard-status").queryAs(Label.class);
            Waits.until(300, () -> dashboard.lossChart().points(0) >= 80, status::getText);
            write(app, "dashboard-live.png");
            TaskListButton tasks = lookup("#status-tasks").queryAs(TaskListButton.class);
            clickOn(tasks);
            Waits.until(() -> tasks.popOver() != null && tasks.popOver().isShowing(), () -> "no task list");
            writeWithPopup(app, tasks.popOver(), "tasks.png");
            toggleTheme();
            writeWithPopup(app, tasks.popOver(), "tasks-dark.png");
            toggleTheme();
            interact(() -> tasks.popOver().hide());
            clickOn("#dashboard-stop-save");
            Waits.until(() -> !status.getText().equals("running"), status::getText);

            clickOn(runCell("lr-1e-2-rank-4"));
            press(KeyCode.CONTROL).clickOn(runCell("lr-3e-3-rank-8")).release(KeyCode.CONTROL);
            Waits.until(() -> lookup("#runs-diff").queryTableView().getItems().size() > 0, () -> "no config diff");
            write(app, "runs-compare.png");

            clickOn("#nav-checkpoints");
            TableView<Object> table = lookup("#checkpoints-table").<Object>queryTableView();
            Waits.until(() -> table.getItems().toString().contains("lr-3e-3-rank-8"), () -> table.getItems().toString());
            interact(() -> table.getSelectionModel().select(table.getItems().stream()
                    .filter(r -> r.toString().contains("/sampler_weights/stopped-")).findFirst().orElseThrow()));
            write(app, "checkpoints.png");

            clickOn("#checkpoints-play");
            clickOn("#playground-prompt").write("w90 w12 w77");
            clickOn("Chat (template)");   // a raw prompt unlike the training data: the model is unsure, the chips colour
            playgroundSetting("#playground-samples", 3);
            playgroundSetting("#playground-max-tokens", 32);
            clickOn("#playground-generate");
            Label a = lookup("#playground-a-status").queryAs(Label.class);
            Waits.until(() -> a.getText().contains("tokens"), a::getText);
            // hover the least likely token of the first sample: its box is the reddest
            TokenHeatmap heatmap = lookup("#playground-a-heatmap").queryAs(TokenHeatmap.class);
            TokenPiece reddest = heatmap.tokensOf(0).stream().max(java.util.Comparator.comparingDouble(TokenPiece::heat)).orElseThrow();
            hover(heatmap, reddest);
            writeWithTooltip(app, heatmap.tooltip(), "playground-heatmap.png");
            toggleTheme();   // with the model picker focused, as after Generate (ShortcutsPastPickers)
            hover(heatmap, reddest);
            writeWithTooltip(app, heatmap.tooltip(), "playground-heatmap-dark.png");
            toggleTheme();

            clickOn("Chat (template)");
            interact(() -> lookup("#playground-prompt").queryTextInputControl().setText("w3 w4"));
            playgroundSetting("#playground-samples", 1);
            setModel("#playground-b-model", home.resolve("models/tiny-qwen3").toString());
            clickOn("#playground-generate");
            Label b = lookup("#playground-b-status").queryAs(Label.class);
            Waits.until(() -> a.getText().contains("tokens") && b.getText().contains("tokens"), () -> a.getText() + " | " + b.getText());
            write(app, "playground-ab.png");
        }
        assertThat(OUT.resolve("playground-ab.png")).exists();
    }

    @Test
    void writeStarterBeforeAndAfterAFineTune() throws Exception {
        Path home = tmp.resolve("whetstone");
        SettingsFile.under(home).update(s -> s.withWindowSize(1280, 800).withLastPlace("HOME"));
        Files.createDirectories(OUT);
        try (RunningApp app = RunningApp.start(home, tmp.resolve("hf/hub"))) {
            clickOn("#home-starter");
            Waits.until(() -> lookup("#wizard-next").query().isVisible(), () -> "the wizard did not open");
            // the starter preset as the wizard shows it (StarterPreset): 100 steps of batch 8 at learning rate 5e-3
            String runId = new WizardRobot(this).presetModelAndData().start();
            Label progress = lookup("#wizard-run-progress").queryAs(Label.class);
            Waits.until(600, () -> progress.getText().startsWith("Run completed"), progress::getText);

            clickOn("#nav-playground");
            setModel("#playground-a-model", home.resolve("models/" + StarterKit.MODEL_NAME).toString());
            setModel("#playground-b-model", "tinker://" + runId + "/sampler_weights/final");
            clickOn("#playground-prompt").write("what is noah ?");   // a held-out item of the word-kind skill
            playgroundSetting("#playground-temperature", 0.0);
            playgroundSetting("#playground-max-tokens", 8);
            clickOn("#playground-generate");
            Label a = lookup("#playground-a-status").queryAs(Label.class);
            Label b = lookup("#playground-b-status").queryAs(Label.class);
            Waits.until(() -> a.getText().contains("tokens") && b.getText().contains("tokens"), () -> a.getText() + " | " + b.getText());
            write(app, "playground-starter-before-after.png");
            String after = lookup("#playground-b-heatmap").queryAs(TokenHeatmap.class).text(0);
            assertThat(after).as("the fine-tuned starter answers the held-out item").contains("a name");
        }
    }

    private void hover(TokenHeatmap heatmap, TokenPiece piece) throws Exception {
        javafx.geometry.Point2D at = WaitForAsyncUtils.asyncFx(() -> heatmap.localToScreen(heatmap.reveal(piece.sequence(),
                piece.position()))).get();
        moveTo(at);
        Waits.until(() -> heatmap.tooltip().isShowing(), () -> "no tooltip");
    }

    /** View → Dark theme, as its shortcut. */
    private void toggleTheme() {
        press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.D).release(KeyCode.D, KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node runCell(String runId) {
        return lookup("#runs-list .list-cell").match((javafx.scene.control.ListCell<RunRow> cell) -> cell.getItem() != null
                && cell.getItem().runId().equals(runId)).query();
    }

    @SuppressWarnings("unchecked")
    private void setModel(String combo, String model) {
        interact(() -> ((javafx.scene.control.ComboBox<String>) (javafx.scene.control.ComboBox<?>) lookup(combo).queryComboBox())
                .setValue(model));
    }

    @SuppressWarnings("unchecked")
    private <T> void playgroundSetting(String id, T value) {
        javafx.scene.control.Spinner<T> spinner = (javafx.scene.control.Spinner<T>) lookup(id).query();
        interact(() -> spinner.getValueFactory().setValue(value));
    }

    /**
     * The window with {@code tip} drawn where it shows: Monocle cannot capture the screen, so the popup's own
     * scene is captured and laid over the window's image at its offset.
     */
    private void writeWithTooltip(RunningApp app, javafx.scene.control.Tooltip tip, String name) throws IOException {
        writeWithPopup(app, tip, name);
    }

    /** The window with {@code popup} (a tooltip, the task list) drawn where it shows. */
    private void writeWithPopup(RunningApp app, javafx.stage.PopupWindow tip, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.Scene scene = app.stage().getScene();
        java.awt.image.BufferedImage window = SwingFXUtils.fromFXImage(capture(scene.getRoot()).getImage(), null);
        java.awt.image.BufferedImage popup;   // on a transparent ground: its shadow's corners show the window under it
        try {
            popup = SwingFXUtils.fromFXImage(WaitForAsyncUtils.asyncFx(() -> {
                javafx.scene.SnapshotParameters clear = new javafx.scene.SnapshotParameters();
                clear.setFill(javafx.scene.paint.Color.TRANSPARENT);
                return tip.getScene().getRoot().snapshot(clear, null);
            }).get(), null);
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException("could not capture the popup", e);
        }
        java.awt.Graphics2D g = window.createGraphics();
        g.drawImage(popup, (int) Math.round(tip.getX() + tip.getScene().getX() - app.stage().getX() - scene.getX()),
                (int) Math.round(tip.getY() + tip.getScene().getY() - app.stage().getY() - scene.getY()), null);
        g.dispose();
        ImageIO.write(window, "png", OUT.resolve(name).toFile());
    }

    private void importFile(Path file) throws Exception {
        clickOn("#nav-datasets");
        interact(() -> lookup("#import-path").queryAs(javafx.scene.control.TextField.class).clear());
        clickOn("#import-path").write(file.toString());
        clickOn("#import-detect");
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> lookup("#import-confirm").query().isVisible());
        clickOn("#import-confirm");
        String saved = "saved to the library as " + file.getFileName();
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS,
                () -> lookup("#dataset-message").queryLabeled().getText().contains(saved));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void makeOneRun(Path home, Path model) {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
             TrainingClient training = service.createLoraTrainingClient(model.toString(), LoraConfig.ofRank(8))) {
            training.saveState("first").join();
        }
    }

    /** Writes the window as {@code name} in the light theme and as {@code name-dark.png} in the dark one. */
    private void write(RunningApp app, String name) throws IOException {
        writeOnce(app, name);
        toggleTheme();
        writeOnce(app, name.replace(".png", "-dark.png"));
        toggleTheme();
    }

    private void writeOnce(RunningApp app, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Image image = capture(app.stage().getScene().getRoot()).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", OUT.resolve(name).toFile());
    }
}
