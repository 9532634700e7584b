package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.runs.RunDashboardView;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The whole loop in the real window, headless, on the golden tiny model: the wizard starts a long run, the
 * dashboard plots its points as they arrive, Stop and save ends it mid-run, its {@code stopped-NNNNNN}
 * checkpoint is listed, opens in the Playground and is sampled into the heatmap.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class WholeLoopTest extends FxRobot {
    private static final Pattern STEPS = Pattern.compile("step (\\d+) / (\\d+).*");

    @TempDir
    Path tmp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        Path home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.dataset(home.resolve("datasets/loop.jsonl"), 40);
        app = RunningApp.start(home, tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void aWizardRunIsStoppedMidRunAndItsCheckpointSampledInThePlayground() throws Exception {
        // Model → Data → Method (50 epochs of batch 1 on 36 examples: 1,800 steps) → Review → Start
        new WizardRobot(this).modelAndData("tiny-qwen3", "loop.jsonl").method(50, 1, 1e-3).start();

        clickOn("#nav-runs");
        RunDashboardView dashboard = lookup("#run-dashboard").queryAs(RunDashboardView.class);
        Label status = lookup("#dashboard-status").queryAs(Label.class);
        waitUntil(() -> status.getText().equals("running") && trainPoints(dashboard) > 0);
        int seen = trainPoints(dashboard);
        waitUntil(() -> trainPoints(dashboard) > seen);
        assertThat(status.getText()).as("the run is still live while its points grow").isEqualTo("running");

        clickOn("#dashboard-stop-save");
        waitUntil(() -> status.getText().equals("stopped"));
        RunSummary onDisk = RunSummary.list(tmp.resolve("home/runs")).get(0);
        assertThat(onDisk.status()).isEqualTo(RunStatus.STOPPED);
        long stoppedAt = onDisk.step();
        // the step label follows the chart frames (at most 5 a second): it reaches the stopped step shortly after
        Label stepsLabel = lookup("#dashboard-steps").queryAs(Label.class);
        waitUntil(() -> stepsLabel.getText().startsWith("step " + stoppedAt + " / "));
        Matcher steps = STEPS.matcher(stepsLabel.getText());
        assertThat(steps.matches()).isTrue();
        assertThat(stoppedAt).as("stopped mid-run").isPositive().isLessThan(Long.parseLong(steps.group(2)));

        String checkpoint = String.format("sampler_weights/stopped-%06d", stoppedAt);
        clickOn("#nav-checkpoints");
        TableView<?> table = lookup("#checkpoints-table").queryTableView();
        waitUntil(() -> table.getItems().toString().contains(checkpoint));
        clickOn(checkpoint);
        clickOn("#checkpoints-play");
        String path = "tinker://" + onDisk.runId() + "/" + checkpoint;
        assertThat(lookup("#playground-a-model").queryComboBox().getValue()).isEqualTo(path);

        clickOn("#playground-prompt").write("w3 w4");
        clickOn("#playground-generate");
        Label sampled = lookup("#playground-a-status").queryAs(Label.class);
        Waits.until(() -> sampled.getText().contains("tokens"), () -> "playground status " + sampled.getText());
        assertThat(lookup("#playground-a-heatmap").queryAs(dev.whetstone.app.playground.TokenHeatmap.class).tokens()).isPositive();
        assertThat(sampled.getText()).matches("\\d+ tokens, .*").doesNotStartWith("0 ");
    }

    private static int trainPoints(RunDashboardView dashboard) {
        return dashboard.lossChart().points(0);
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        Waits.until(condition, this::shown);
    }

    /** The labels a failed wait reports. */
    private String shown() {
        return lookup(".label").queryAll().stream().filter(javafx.scene.Node::isVisible)
                .map(n -> n.getId() == null ? null : n.getId() + "=" + ((Label) n).getText())
                .filter(java.util.Objects::nonNull).toList().toString();
    }
}
