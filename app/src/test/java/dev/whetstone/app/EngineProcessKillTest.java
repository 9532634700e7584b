package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.engine.EngineChoice;
import dev.whetstone.app.engine.EngineProcesses;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The app on its engine process, in the real window: a run started from the wizard; the engine process is killed
 * with SIGKILL mid-run; the window stays responsive, says what happened, starts a new engine process, and the run
 * resumes from its last checkpoint and ends with exactly the losses of the same run uninterrupted.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class EngineProcessKillTest extends FxRobot {
    private static final int KILL_AFTER = 12;

    @TempDir
    Path tmp;
    private Path home;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.dataset(home.resolve("datasets/kill.jsonl"), 24);
        app = RunningApp.start(home, tmp.resolve("hub"), EngineChoice.process());
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void aKilledEngineProcessIsRestartedAndTheWizardRunEndsWithTheUninterruptedLosses() throws Exception {
        Hyperlink engine = lookup("#status-engine").queryAs(Hyperlink.class);
        waitUntil(() -> engine.getText().startsWith("Engine: Engine process") && engine.getText().endsWith("reachable"));
        ProcessHandle first = EngineProcesses.running(home).orElseThrow();
        assertThat(first.parent().map(ProcessHandle::pid)).as("a child of the app").contains(ProcessHandle.current().pid());

        // 4 epochs of batch 2 on the ~21 training examples: about 44 steps, a checkpoint every 5
        String runId = new WizardRobot(this).modelAndData("tiny-qwen3", "kill.jsonl").method(4, 2, 1e-2).cadence(0, 5).start();
        Path run = home.resolve("runs").resolve(runId);
        waitUntil(() -> steps(run) >= KILL_AFTER);
        assertThat(first.destroyForcibly()).isTrue();   // SIGKILL
        first.onExit().get(30, TimeUnit.SECONDS);

        // the window answers while the engine is gone: navigation works and the FX thread is free
        clickOn("#nav-home");
        clickOn("#nav-runs");
        assertThat(WaitForAsyncUtils.asyncFx(() -> true).get(5, TimeUnit.SECONDS)).isTrue();

        Label status = lookup("#dashboard-status").queryAs(Label.class);
        Label banner = lookup("#dashboard-banner").queryAs(Label.class);
        waitUntil(() -> banner.getText().contains("engine lost after step") && banner.getText().contains("SIGKILL"));
        Waits.until(300, () -> status.getText().equals("completed"), () -> status.getText() + " / " + banner.getText());
        waitUntil(() -> engine.getText().endsWith("reachable") && engine.getTooltip().getText().contains("took over"));
        assertThat(engine.getTooltip().getText()).contains("was killed (SIGKILL");
        ProcessHandle second = EngineProcesses.running(home).orElseThrow();
        assertThat(second.pid()).as("a new engine process").isNotEqualTo(first.pid());
        ListView<?> events = lookup("#dashboard-events").queryListView();
        assertThat(events.getItems().toString()).contains("engine lost after step").contains("completed after " + steps(run) + " steps");

        List<RunEvent> journal = EventJournal.read(run.resolve(RunJournal.EVENTS_FILE)).stream().map(EventJournal.Entry::event).toList();
        assertThat(journal).filteredOn(RunEvent.EngineLost.class::isInstance).hasSize(1);
        assertThat(journal.get(journal.size() - 1)).isInstanceOf(RunEvent.RunCompleted.class);
        List<Double> uninterrupted = losses(uninterrupted(run));
        assertThat(uninterrupted).hasSizeGreaterThan(KILL_AFTER + 5);
        assertThat(losses(run)).containsExactlyElementsOf(uninterrupted);
    }

    /** The same run (the config the wizard wrote), in process and never interrupted. */
    private Path uninterrupted(Path run) throws Exception {
        TrainingConfig config = RunJournal.readConfig(run).withRunId("uninterrupted");
        Path reference = tmp.resolve("reference");
        try (ServiceClient local = ServiceClient.local(EngineOptions.builder().home(reference).device("cpu").build());
             HfTokenizer tokenizer = HfTokenizer.load(Path.of(config.baseModel()), config.baseModel())) {
            RunHandle handle = new RunSupervisor(local, reference).start(config, TrainingDataLoader.load(config, tokenizer).data());
            handle.completion().get(4, TimeUnit.MINUTES);
        }
        return reference.resolve("runs/uninterrupted");
    }

    private static long steps(Path run) {
        return Files.isRegularFile(run.resolve(RunJournal.METRICS_FILE)) ? RunJournal.steps(run).size() : 0;
    }

    private static List<Double> losses(Path run) {
        return RunJournal.steps(run).stream().map(MetricsLine.Step::loss).toList();
    }

    private void waitUntil(Callable<Boolean> condition) throws Exception {
        Waits.until(condition, () -> lookup("#status-engine").queryAs(Hyperlink.class).getText());
    }
}
