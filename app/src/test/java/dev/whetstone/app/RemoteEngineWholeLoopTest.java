package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import dev.whetstone.engine.server.ServerOptions;
import dev.whetstone.engine.server.WhetstoneServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.models.ModelSource;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The whole loop against a remote engine: a {@code whetstone serve} on loopback (its own engine home, a key) is
 * chosen in Settings → Engine; the wizard lists the model it offers, starts a run on it, the dashboard plots it live,
 * Stop and save leaves a checkpoint that Checkpoints lists through the engine's REST routes, and the Playground
 * samples it from the engine.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class RemoteEngineWholeLoopTest extends FxRobot {
    private static final String MODEL = "whetstone/tiny-qwen3";
    private static final String KEY = "tml-remote-loop-0123456789";

    @TempDir
    Path tmp;
    private ServiceClient engine;
    private WhetstoneServer server;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        Path served = tmp.resolve("served");
        GoldenModel.copyTo(served.resolve("models/whetstone--tiny-qwen3"));   // offered as whetstone/tiny-qwen3
        Path keyFile = Files.writeString(tmp.resolve("key"), KEY + "\n");
        engine = ServiceClient.local(EngineOptions.builder().home(served).device("cpu").build());
        server = WhetstoneServer.start(engine, served, ServerOptions.loopback(0).withApiKeyFile(keyFile));

        Path home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));    // its config and tokenizer on this machine
        TinyRun.dataset(home.resolve("datasets/loop.jsonl"), 40);
        app = RunningApp.start(home, tmp.resolve("hub"), EngineChoice.inProcess());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
        server.close();
        engine.close();
    }

    @Test
    void aRunOnARemoteEngineIsWatchedStoppedAndItsCheckpointSampled() throws Exception {
        clickOn("#nav-settings");
        clickOn("#engine-remote");
        clickOn("#engine-url").write(server.baseUrl().toString());
        clickOn("#engine-key").write(KEY);
        clickOn("#engine-apply");
        Label message = lookup("#engine-message").queryAs(Label.class);
        waitUntil(() -> message.getText().startsWith("Switched to Remote engine"));
        clickOn("#engine-close");
        Hyperlink status = lookup("#status-engine").queryAs(Hyperlink.class);
        waitUntil(() -> status.getText().startsWith("Engine: Remote engine at http://127.0.0.1:" + server.port())
                && status.getText().endsWith("reachable"));
        assertThat(status.getText()).contains("cpu");

        // the wizard lists the model the engine offers, by name; 50 epochs of batch 1 on 36 examples: 1,800 steps
        clickOn("#nav-train");
        ListView<ModelEntry> offered = lookup("#wizard-models").queryListView();
        waitUntil(() -> offered.getItems().stream().anyMatch(m -> m.source() == ModelSource.REMOTE_ENGINE
                && m.name().equals(MODEL) && m.usable()));
        new WizardRobot(this).modelAndData(MODEL, "loop.jsonl").method(50, 1, 1e-3).start();
        clickOn("#nav-runs");
        var dashboard = lookup("#run-dashboard").queryAs(dev.whetstone.app.runs.RunDashboardView.class);
        Label runStatus = lookup("#dashboard-status").queryAs(Label.class);
        waitUntil(() -> runStatus.getText().equals("running") && dashboard.lossChart().points(0) > 0);
        int seen = dashboard.lossChart().points(0);
        waitUntil(() -> dashboard.lossChart().points(0) > seen);

        clickOn("#dashboard-stop-save");
        waitUntil(() -> runStatus.getText().equals("stopped"));
        RunSummary onDisk = RunSummary.list(tmp.resolve("home/runs")).get(0);
        assertThat(onDisk.status()).isEqualTo(RunStatus.STOPPED);
        String checkpoint = String.format("sampler_weights/stopped-%06d", onDisk.step());
        String path = "tinker://" + onDisk.runId() + "/" + checkpoint;
        assertThat(engine.checkpoints().listCheckpoints(onDisk.runId()).toString()).as("kept by the engine").contains(checkpoint);

        clickOn("#nav-checkpoints");
        TableView<?> table = lookup("#checkpoints-table").queryTableView();
        waitUntil(() -> table.getItems().toString().contains(checkpoint));
        clickOn(checkpoint);
        clickOn("#checkpoints-play");
        assertThat(lookup("#playground-a-model").queryComboBox().getValue()).isEqualTo(path);

        clickOn("#playground-prompt").write("w3 w4");
        clickOn("#playground-generate");
        Label sampled = lookup("#playground-a-status").queryAs(Label.class);
        waitUntil(() -> sampled.getText().contains("tokens"));
        assertThat(lookup("#playground-a-heatmap").queryAs(dev.whetstone.app.playground.TokenHeatmap.class).tokens()).isPositive();
        assertThat(sampled.getText()).matches("\\d+ tokens, .*").doesNotStartWith("0 ");
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        Waits.until(condition, () -> lookup("#wizard-models").tryQuery().map(n -> ((ListView<?>) n).getItems().toString())
                .orElse("") + lookup(".label").queryAll().stream().filter(javafx.scene.Node::isVisible)
                .map(n -> n.getId() == null ? null : n.getId() + "=" + ((javafx.scene.control.Labeled) n).getText())
                .filter(java.util.Objects::nonNull).toList().toString());
    }
}
