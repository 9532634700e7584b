package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.testfx.util.WaitForAsyncUtils.waitFor;

import dev.whetstone.app.TinyRun;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunCard;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.StoredRun;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's view-model without a stage, on journals written by real runs of the golden tiny model. */
class RunDashboardViewModelTest {
    @TempDir
    Path home;

    private final RunDashboardViewModel dashboard =
            new RunDashboardViewModel(new Background(new InlineExecutor(), new FxBridge(new InlineExecutor())), new InlineExecutor(), Duration.ZERO);

    @Test
    void rebuildsCurvesProgressAndEventsFromAFinishedRunsJournal() {
        Path dir = TinyRun.complete(home, "tiny", 6);

        dashboard.open(dir).join();

        RunCurves.Charts charts = dashboard.charts().get();
        assertThat(charts.loss().size()).isEqualTo(6);
        assertThat(charts.smoothedLoss().size()).isEqualTo(6);
        assertThat(charts.lr().size()).isEqualTo(6);
        assertThat(charts.gradNorm().size()).isEqualTo(6);
        assertThat(charts.tokensPerS().size()).isEqualTo(6);
        assertThat(charts.evalLoss().size()).isGreaterThanOrEqualTo(2);
        assertThat(charts.loss().x()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(dashboard.status().get()).isEqualTo(RunStatus.COMPLETED);
        assertThat(dashboard.progress().steps().get()).startsWith("step 6 / 6");
        assertThat(dashboard.progress().fraction().get()).isEqualTo(1.0);
        assertThat(dashboard.events()).anyMatch(e -> e.contains("run started")).anyMatch(e -> e.contains("completed after 6 steps"));
        assertThat(dashboard.banner().get()).isEmpty();
        assertThat(dashboard.resumable()).isFalse();
    }

    @Test
    void followsALiveRunAndEndsWithTheSameCurvesAsTheFile() throws Exception {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = TinyRun.start(service, home,
                    TinyRun.config("live", TinyRun.dataset(home.resolve("data/chat.jsonl")), 6));
            dashboard.follow(run).join();
            run.completion().join();
        }
        assertThat(dashboard.charts().get().loss().x()).containsExactly(1, 2, 3, 4, 5, 6);
        // the run's completion callbacks may still be running on the run's thread when join() returns
        waitFor(10, TimeUnit.SECONDS, () -> !dashboard.live().get());
        assertThat(dashboard.status().get()).isEqualTo(RunStatus.COMPLETED);

        RunDashboardViewModel reopened =
                new RunDashboardViewModel(new Background(new InlineExecutor(), new FxBridge(new InlineExecutor())), new InlineExecutor(), Duration.ZERO);
        reopened.open(home.resolve("runs/live")).join();
        assertThat(reopened.charts().get().loss().y()).containsExactly(dashboard.charts().get().loss().y());
    }

    @Test
    void aRunWhoseJournalEndsMidRunOpensInterruptedAndResumable() {
        Path dir = home.resolve("runs/cut");
        TrainingConfig config = TinyRun.config("cut", home.resolve("data.jsonl"), 6);
        RunCard card = new RunCard("test", 12, 0, 0, Instant.now(), null, null, List.of());
        try (RunJournal journal = RunJournal.create(dir, new StoredRun(config, card))) {
            journal.event(new RunEvent.RunStarted("cut", "tiny", 6, 12, 0, 0));
            journal.metrics(new MetricsLine.Step(1, 0, 2.5, 30, 12, 1e-3, 1, 100, 1, 5));
        }

        dashboard.open(dir).join();

        assertThat(dashboard.status().get()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(dashboard.resumable()).isTrue();
        assertThat(dashboard.charts().get().loss().size()).isEqualTo(1);
    }

    @Test
    void plotsHeldOutExactMatchFromStepZeroToTheEndAndLogsEachScore() {
        Path data = TinyRun.dataset(home.resolve("data/chat.jsonl"));
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            TinyRun.start(service, home, TinyRun.config("scored", data, 6).withEvalExactMatchFile(data.toString()))
                    .completion().join();
        }

        dashboard.open(home.resolve("runs/scored")).join();

        Plot exactMatch = dashboard.exactMatch().get();
        assertThat(exactMatch.x()).containsExactly(0, 3, 6);
        assertThat(java.util.Arrays.stream(exactMatch.y()).boxed().toList()).allSatisfy(y -> assertThat(y).isBetween(0.0, 1.0));
        assertThat(dashboard.events()).anyMatch(e -> e.contains("eval/exact_match") && e.contains("at step 0 (base model)"))
                .anyMatch(e -> e.contains("eval/exact_match") && e.contains("at step 6"));
    }

    @Test
    void aRunWithoutAHeldOutFilePlotsNoExactMatch() {
        dashboard.open(TinyRun.complete(home, "plain", 3)).join();
        assertThat(dashboard.charts().get().loss().size()).isEqualTo(3);
        assertThat(dashboard.exactMatch().get().size()).isZero();
    }
}
