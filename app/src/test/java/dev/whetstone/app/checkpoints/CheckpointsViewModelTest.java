package dev.whetstone.app.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.TinyRun;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.runs.RunLauncher;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Resume from it" without a stage, on the checkpoints of a real finished 6-step tiny run. */
class CheckpointsViewModelTest {
    @TempDir
    Path home;
    private ServiceClient service;
    private final RunningRuns running = new RunningRuns();
    private final AtomicInteger openedRuns = new AtomicInteger();
    private CheckpointsViewModel checkpoints;

    @BeforeEach
    void open() {
        TinyRun.complete(home, "tiny", 6);
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        checkpoints = new CheckpointsViewModel(InlineExecutor.background(), service.checkpoints(), home.resolve("runs"),
                new RunLauncher(service, home), running);
        checkpoints.onOpenRuns(openedRuns::incrementAndGet);
        checkpoints.refresh().join();
    }

    @AfterEach
    void close() {
        service.close();
    }

    private CheckpointRow row(String path) {
        return checkpoints.checkpoints().stream().filter(r -> r.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void resumingFromATrainingCheckpointStartsABranchThatContinuesTheRunExactly() {
        checkpoints.resumeFrom(row("tinker://tiny/weights/000003")).join();

        assertThat(running.all()).extracting(RunHandle::runId).containsExactly("tiny-from-000003");
        RunHandle branch = running.all().get(0);
        assertThat(branch.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(losses(branch.dir())).hasSize(6).containsExactlyElementsOf(losses(home.resolve("runs/tiny")));
        assertThat(RunJournal.readConfig(branch.dir()).withRunId("tiny")).isEqualTo(RunJournal.readConfig(home.resolve("runs/tiny")));
        assertThat(checkpoints.message().get()).isEqualTo("Resumed from tinker://tiny/weights/000003 as run tiny-from-000003");
        assertThat(openedRuns.get()).isEqualTo(1);
        assertThat(checkpoints.busy().get()).isFalse();
    }

    @Test
    void aSecondResumeFromTheSameCheckpointGetsItsOwnRunId() {
        checkpoints.resumeFrom(row("tinker://tiny/weights/000003")).join();
        running.all().get(0).completion().join();
        checkpoints.resumeFrom(row("tinker://tiny/weights/000003")).join();

        assertThat(running.all()).extracting(RunHandle::runId).containsExactly("tiny-from-000003", "tiny-from-000003-2");
        running.all().get(1).completion().join();
    }

    @Test
    void aSamplerCheckpointCannotBeResumedAndSaysWhy() {
        CheckpointRow sampler = row("tinker://tiny/sampler_weights/000003");
        assertThat(CheckpointsViewModel.resumeProblem(row("tinker://tiny/weights/000003"))).isNull();
        assertThat(CheckpointsViewModel.resumeProblem(sampler)).startsWith("A sampler checkpoint holds only the weights")
                .contains("tinker://tiny/weights/000003");

        checkpoints.resumeFrom(sampler).join();

        assertThat(running.all()).isEmpty();
        assertThat(checkpoints.message().get()).isEqualTo(CheckpointsViewModel.resumeProblem(sampler));
        assertThat(openedRuns.get()).isZero();
    }

    private static List<Double> losses(Path runDir) {
        return RunJournal.steps(runDir).stream().map(MetricsLine.Step::loss).toList();
    }
}
