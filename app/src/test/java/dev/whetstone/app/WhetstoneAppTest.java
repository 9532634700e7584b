package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.models.ModelEntry;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real window, headless (Monocle): navigation, the status bar, and the Models pane on a real model folder. */
class WhetstoneAppTest extends FxRobot {
    @TempDir
    Path tmp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        GoldenModel.copyTo(tmp.resolve("home/models/tiny-qwen3"));
        app = RunningApp.start(tmp.resolve("home"), tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private boolean showing(String id) {
        Node node = lookup(id).tryQuery().orElse(null);
        return node != null && node.getScene() != null && node.isVisible();
    }

    @Test
    void opensOnHomeWithTheStarterReady() {
        assertThat(showing("#pane-home")).isTrue();
        assertThat(lookup("#home-starter").queryButton().isDisabled()).isFalse();
    }

    @Test
    void statusBarShowsTheCpu() {
        assertThat(lookup("#status-device").queryAs(Label.class).getText()).contains("cpu");
        assertThat(lookup("#status-memory").queryAs(Label.class).getText()).contains("MiB");
        assertThat(lookup("#status-tasks").queryButton().getText()).isEqualTo("No background tasks");
    }

    @Test
    void shortcutsSwitchPanes() {
        push(KeyCode.CONTROL, KeyCode.DIGIT2);
        assertThat(showing("#pane-models")).isTrue();
        assertThat(showing("#pane-home")).isFalse();
        push(KeyCode.CONTROL, KeyCode.DIGIT1);
        assertThat(showing("#pane-home")).isTrue();
    }

    @Test
    void clickingAnUnbuiltPaneShowsWhatComesAndWhichIssue() {
        clickOn("#nav-playground");
        assertThat(lookup("#pane-playground #placeholder-status").tryQuery()).isEmpty();
    }

    @Test
    void fineTuneTheStarterOpensTheWizardOnTheStarterModel() throws Exception {
        clickOn("#home-starter");
        WaitForAsyncUtils.waitFor(30, java.util.concurrent.TimeUnit.SECONDS, () -> showing("#pane-train"));
        assertThat(showing("#pane-home")).isFalse();
    }

    @Test
    void modelsPaneListsTheModelFolderInTheEngineHome() {
        clickOn("#nav-models");
        ListView<ModelEntry> list = lookup("#models-list").queryListView();
        assertThat(list.getItems()).extracting(ModelEntry::name).containsExactly("tiny-qwen3", "whetstone-starter");   // the starter is installed on first start
        assertThat(lookup("#model-architecture").queryAs(Label.class).getText()).isEqualTo("Qwen3ForCausalLM");
        assertThat(lookup("#model-estimate").queryAs(Label.class).getText()).startsWith("≈ ");
    }

    @Test
    void theLastPaneIsShownAgainAfterARestart() throws Exception {
        clickOn("#nav-models");
        app.close();
        app = RunningApp.start(tmp.resolve("home"), tmp.resolve("hub"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(showing("#pane-models")).isTrue();
    }

    @Test
    void aboutShowsTheVersionTheDeviceAndTheFoldersAndLeadsToTheGpuGuide() throws Exception {
        clickOn("#status-about");
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> lookup("#about-device").tryQuery().isPresent());

        assertThat(lookup("#about-device").queryAs(TextField.class).getText()).contains("cpu");
        assertThat(lookup("#about-home").queryAs(TextField.class).getText()).isEqualTo(tmp.resolve("home").toString());
        assertThat(lookup("#about-logs").queryAs(TextField.class).getText())
                .isEqualTo(tmp.resolve("home").resolve("logs").toString());
        assertThat(lookup("#about-libtorch").queryAs(TextField.class).getText()).contains("cpu");
        assertThat(lookup("#about-built-with").queryAs(TextField.class).getText()).contains("DJL 0.36.0");

        clickOn("#about-gpu");
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> lookup("#gpu-guide-steps").tryQuery().isPresent());
        assertThat(lookup("#gpu-guide-steps").queryAs(TextArea.class).getText()).contains("build-cuda-jni.sh")
                .contains("CUDA 12.8").contains("restart");
        assertThat(lookup("#gpu-guide-found").queryAs(Label.class).getText()).contains("NVIDIA driver");
    }

    @Test
    void homeOffersTheGpuGuide() throws Exception {
        interact(() -> lookup("#home-gpu-guide").queryAs(javafx.scene.control.Hyperlink.class).fire());   // below the fold
        WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> lookup("#gpu-guide-steps").tryQuery().isPresent());
        assertThat(lookup("#gpu-guide-found").queryAs(Label.class).getText()).contains("cpu");
    }

    @Test
    void theWindowCarriesTheAppIcon() {
        assertThat(app.stage().getIcons()).hasSize(6);
        assertThat(app.stage().getIcons().get(0).getWidth()).isEqualTo(16);
    }
}
