package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.RunningApp;
import dev.whetstone.app.TinyRun;
import dev.whetstone.app.Waits;
import dev.whetstone.app.WizardRobot;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Quitting (File → Quit, Ctrl+Q) while a run trains asks first, as the window's close button does; *Pause and
 * close* saves a checkpoint and pauses the run before the window closes, so nothing is lost.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClosingWithRunsTest extends FxRobot {
    @TempDir
    Path tmp;
    private Path home;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.dataset(home.resolve("datasets/long.jsonl"), 24);
        app = RunningApp.start(home, tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void quittingDuringARunAsksAndPauseAndCloseSavesAndPausesItFirst() throws Exception {
        // 100 epochs of about 11 steps: the run is still training when the user quits
        String runId = new WizardRobot(this).modelAndData("tiny-qwen3", "long.jsonl").method(100, 2, 1e-2).start();
        Path run = home.resolve("runs").resolve(runId);
        Waits.until(() -> Files.isRegularFile(run.resolve(RunJournal.METRICS_FILE)) && RunJournal.steps(run).size() >= 3,
                () -> "steps so far: " + (Files.isRegularFile(run.resolve(RunJournal.METRICS_FILE)) ? RunJournal.steps(run).size() : 0));

        push(KeyCode.SHORTCUT, KeyCode.Q);
        Waits.until(() -> lookup("#close-with-runs").tryQuery().isPresent(), () -> "no question about the running run");
        assertThat(app.stage().isShowing()).as("nothing closes before the answer").isTrue();
        clickOn("#close-pause");

        Waits.until(() -> !WaitForAsyncUtils.asyncFx(() -> app.stage().isShowing()).get(5, TimeUnit.SECONDS),
                () -> "the window is still open");
        List<RunEvent> journal = EventJournal.read(run.resolve(RunJournal.EVENTS_FILE)).stream().map(EventJournal.Entry::event).toList();
        assertThat(journal.get(journal.size() - 1)).as("the run's last event").isInstanceOf(RunEvent.RunPaused.class);
        long pausedAt = ((RunEvent.RunPaused) journal.get(journal.size() - 1)).step();
        assertThat(journal).filteredOn(RunEvent.CheckpointSaved.class::isInstance).map(e -> ((RunEvent.CheckpointSaved) e).step())
                .as("a checkpoint of the step it paused at").contains(pausedAt);
    }
}
