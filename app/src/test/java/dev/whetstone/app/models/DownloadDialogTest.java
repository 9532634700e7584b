package dev.whetstone.app.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.RunningApp;
import dev.whetstone.app.Waits;
import dev.whetstone.app.settings.SettingsFile;
import dev.whetstone.engine.hub.FakeHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless: Models → Download… fetches a model from the loopback hub and selects it in the list. */
class DownloadDialogTest extends FxRobot {
    private static final String REPO = "whetstone-test/qwen3-tiny";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "../docs/screenshots"));

    @TempDir
    Path tmp;

    private FakeHub hub;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        hub = FakeHub.start();
        hub.addModel(REPO, GoldenModel.FOLDER);
        SettingsFile.under(tmp.resolve("home")).update(s -> s.withWindowSize(1280, 800).withLastPlace("MODELS"));
        app = RunningApp.start(tmp.resolve("home"), Map.of("HF_HUB_CACHE", tmp.resolve("hub").toString(),
                "HF_ENDPOINT", hub.endpoint().toString()));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        hub.close();
    }

    @Test
    void aModelDownloadedFromTheDialogIsSelectedInTheModelsList() throws Exception {
        clickOn("#nav-models");
        clickOn("#models-download");
        TableView<?> suggestions = lookup("#download-suggestions").queryTableView();
        assertThat(suggestions.getItems()).hasSize(RecommendedModel.all().size());
        assertThat(lookup("#download-start").queryButton().isDisabled()).isTrue();

        TextField repo = lookup("#download-repo").queryAs(TextField.class);
        interact(() -> repo.setText(REPO));
        clickOn("#download-start");

        ListView<ModelEntry> list = lookup("#models-list").queryListView();
        Waits.until(() -> list.getSelectionModel().getSelectedItem() != null
                && list.getSelectionModel().getSelectedItem().name().equals(REPO), () -> text("#download-status")
                + " / " + text("#download-message"));
        assertThat(text("#model-architecture")).isEqualTo("Qwen3ForCausalLM");
        assertThat(text("#download-message")).contains(REPO + " is ready at " + tmp.resolve("hub"));
        assertThat(lookup("#download-progress").queryAs(ProgressBar.class).getProgress()).isEqualTo(1.0);
        assertThat(lookup("#download-cancel").queryButton().isDisabled()).isTrue();
    }

    @Test
    void aGatedModelShowsWhatToDoInTheDialog() throws Exception {
        hub.gate(REPO, "hf_granted");
        clickOn("#nav-models");
        clickOn("#models-download");
        TextField repo = lookup("#download-repo").queryAs(TextField.class);
        interact(() -> repo.setText(REPO));
        clickOn("#download-start");

        Waits.until(() -> text("#download-message").contains("gated"), () -> text("#download-message"));
        assertThat(text("#download-message")).contains("HF_TOKEN");
        assertThat(lookup("#download-start").queryButton().isDisabled()).isFalse();
    }

    /** {@code docs/screenshots/models-download.png}: the dialog mid-download (held by the hub), with -Pscreenshots. */
    @Test
    @Tag("screenshots")
    void writeTheDownloadDialog() throws Exception {
        hub.stallNextDownloadAfter(70_000);
        clickOn("#nav-models");
        clickOn("#models-download");
        TextField repo = lookup("#download-repo").queryAs(TextField.class);
        interact(() -> repo.setText(REPO));
        clickOn("#download-start");
        hub.awaitStall();
        Waits.until(() -> text("#download-status").contains("/s"), () -> text("#download-status"));
        Files.createDirectories(SCREENSHOTS);
        Node dialog = lookup("#download-suggestions").query().getScene().getRoot();
        ImageIO.write(SwingFXUtils.fromFXImage(capture(dialog).getImage(), null), "png",
                SCREENSHOTS.resolve("models-download.png").toFile());
        assertThat(SCREENSHOTS.resolve("models-download.png")).exists();
    }

    private String text(String id) {
        return lookup(id).tryQuery().map(n -> ((Label) n).getText()).orElse("");
    }
}
