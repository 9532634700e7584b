package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Writes {@code docs/screenshots/home.png} and {@code models.png} from the real app, headless. Not part of
 * {@code mvn verify}; run it with
 * {@code mvn -B -pl app -am test -Dskip.fixtures=true -Pscreenshots -Dtest=ScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * The engine home holds the golden tiny model, one real run made with it, a folder in a fake Hugging Face
 * cache, and an added folder without weights (to show how a broken model is listed).
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
                    () -> lookup("#wizard-data-summary").queryLabeled().getText().contains("error(s)"));
            write(app, "wizard-2-data.png");
            clickOn("#wizard-next");
            clickOn("#wizard-advanced");
            write(app, "wizard-3-method.png");
            clickOn("#wizard-next");
            write(app, "wizard-4-review.png");
        }
        assertThat(OUT.resolve("datasets.png")).exists();
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

    private void write(RunningApp app, String name) throws IOException {
        WaitForAsyncUtils.waitForFxEvents();
        Image image = capture(app.stage().getScene().getRoot()).getImage();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", OUT.resolve(name).toFile());
    }
}
