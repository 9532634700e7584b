package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.runs.RunDashboardView;
import dev.whetstone.app.playground.TokenHeatmap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Runs, Checkpoints and Playground panes of the real window, headless, on a finished 6-step tiny run. */
class RunPanesTest extends FxRobot {
    @TempDir
    Path tmp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        TinyRun.complete(tmp.resolve("home"), "tiny", 6);
        app = RunningApp.start(tmp.resolve("home"), tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        System.clearProperty("whetstone.exportDir");
        app.close();
    }

    @Test
    void dashboardShowsAFinishedRunsCurvesFromItsFiles() throws Exception {
        clickOn("#nav-runs");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !lookup("#runs-list").queryListView().getItems().isEmpty());
        clickOn("tiny");
        RunDashboardView dashboard = lookup("#run-dashboard").queryAs(RunDashboardView.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> dashboard.lossChart().plottedPoints() >= 12);
        assertThat(dashboard.lossChart().points(0)).isEqualTo(6);
        assertThat(lookup("#dashboard-status").queryAs(Label.class).getText()).isEqualTo("completed");
        assertThat(lookup("#dashboard-steps").queryAs(Label.class).getText()).startsWith("step 6 / 6");
        assertThat(lookup("#dashboard-events").queryAs(ListView.class).getItems()).isNotEmpty();
        assertThat(lookup("#dashboard-stop").queryButton().isDisabled()).isTrue();
    }

    @Test
    void checkpointsPaneListsTheRunsCheckpointsAndExportsOne() throws Exception {
        clickOn("#nav-checkpoints");
        TableView<Object> table = lookup("#checkpoints-table").<Object>queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        assertThat(table.getItems().toString()).contains("tinker://tiny/weights/final");
        System.setProperty("whetstone.exportDir", tmp.resolve("out").toString());
        interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.toString().contains("tinker://tiny/weights/final")).findFirst().orElseThrow()));
        clickOn("#checkpoints-export-peft");
        Label message = lookup("#checkpoints-message").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> message.getText().contains("done"));
        assertThat(tmp.resolve("out").toFile().list()).isNotEmpty();
        assertThat(tmp.resolve("out").toFile().listFiles()[0].toPath().resolve("adapter_model.safetensors")).exists();
    }

    @Test
    void resumeFromACheckpointStartsABranchAndShowsItInRuns() throws Exception {
        clickOn("#nav-checkpoints");
        TableView<Object> table = lookup("#checkpoints-table").<Object>queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        javafx.scene.control.Button resume = lookup("#checkpoints-resume").queryButton();
        select(table, "tinker://tiny/sampler_weights/000003");
        assertThat(resume.isDisabled()).isTrue();
        assertThat(resume.getTooltip().getText()).startsWith("A sampler checkpoint holds only the weights");
        select(table, "tinker://tiny/weights/000003");
        assertThat(resume.isDisabled()).isFalse();

        clickOn("#checkpoints-resume");

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> lookup("#runs-list").tryQuery().isPresent());
        ListView<Object> runs = lookup("#runs-list").queryListView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS,
                () -> runs.getItems().stream().anyMatch(r -> r.toString().contains("tiny-from-000003")));
        Path events = tmp.resolve("home/runs/tiny-from-000003/events.jsonl");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Files.readString(events).contains("run_completed"));
    }

    private void select(TableView<Object> table, String path) {
        interact(() -> table.getSelectionModel().select(table.getItems().stream()
                .filter(r -> r.toString().contains(path + ",") || r.toString().contains(path + "]")).findFirst().orElseThrow()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void playgroundStreamsASampleAndStopStopsIt() throws Exception {
        // the golden tiny model with a 4,096-token context: its greedy continuation of "w3 w4" never reaches
        // EOS, so 4,000 tokens take seconds; Stop is fired on the FX thread as soon as tokens show, so it lands
        // while the sample streams
        Path model = GoldenModel.copyTo(tmp.resolve("long-context"));
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"max_position_embeddings\": 128", "\"max_position_embeddings\": 4096"));
        clickOn("#nav-playground");
        interact(() -> {
            lookup("#playground-a-model").queryComboBox().setValue(model.toString());
            lookup("#playground-prompt").queryTextInputControl().setText("w3 w4");
            ((Spinner<Double>) (Spinner<?>) lookup("#playground-temperature").query()).getValueFactory().setValue(0.0);
            ((Spinner<Integer>) (Spinner<?>) lookup("#playground-max-tokens").query()).getValueFactory().setValue(4000);
        });
        clickOn("#playground-generate");
        Label status = lookup("#playground-a-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> chips() >= 3);
        assertThat(status.getText()).isEqualTo("streaming");

        interact(() -> lookup("#playground-stop").queryButton().fire());
        Waits.until(30, () -> status.getText().equals("stopped"), () -> "status " + status.getText() + ", " + chips() + " tokens");
        assertThat(lookup("#playground-generate").queryButton().isDisabled()).isFalse();
        int shown = chips();
        // the alternatives are computed on the model's device thread after the stopped decode loop has let go
        // of it, and reach the FX thread after any token that loop produced: once they are in, nothing more comes
        TokenHeatmap heatmap = heatmap();
        javafx.geometry.Point2D first = WaitForAsyncUtils.asyncFx(() -> heatmap.localToScreen(heatmap.reveal(0, 0))).get();
        moveTo(first);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> heatmap.tooltip().isShowing() && heatmap.tooltip().getText().contains("top 5 (model):"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(heatmap.tooltip().getText()).startsWith("'");
        assertThat(chips()).isEqualTo(shown).isLessThan(4000);
        assertThat(status.getText()).isEqualTo("stopped");

        interact(() -> ((Spinner<Integer>) (Spinner<?>) lookup("#playground-max-tokens").query()).getValueFactory().setValue(6));
        clickOn("#playground-generate");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> status.getText().equals("6 tokens, reached max tokens"));
        assertThat(chips()).isEqualTo(6);
    }

    private TokenHeatmap heatmap() {
        return lookup("#playground-a-heatmap").queryAs(TokenHeatmap.class);
    }

    /** Tokens the heatmap shows. */
    private int chips() {
        return heatmap().tokens();
    }
}
