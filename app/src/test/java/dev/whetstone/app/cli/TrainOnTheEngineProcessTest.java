package dev.whetstone.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.GoldenModel;
import dev.whetstone.app.TinyRun;
import dev.whetstone.app.engine.EngineProcesses;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * {@code train --engine process}: the engine runs in a child {@code whetstone serve}; SIGKILLed mid-run, it is
 * restarted, the run resumes from its last checkpoint by itself, and the command ends as an uninterrupted run does,
 * with exactly the losses of the same run in process.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TrainOnTheEngineProcessTest {
    private static final int STEPS = 48;
    private static final int KILL_AT = 10;

    @Test
    void aKilledEngineProcessIsRestartedAndTheRunEndsWithTheUninterruptedLosses(@TempDir Path dir) throws Exception {
        Path home = dir.resolve("home");
        Path data = TinyRun.dataset(dir.resolve("chat.jsonl"), 24);
        CompletableFuture<CommandRun> train = CompletableFuture.supplyAsync(() -> CommandRun.of(train(home, data, "killed",
                "--engine", "process")));
        Path run = home.resolve("runs/killed");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> train.isDone() || stepsIn(run) >= KILL_AT);
        assertThat(train).as("the run was still going when the engine was killed").isNotDone();
        ProcessHandle engine = EngineProcesses.running(home).orElseThrow();
        assertThat(engine.parent().map(ProcessHandle::pid)).as("a child of this JVM").contains(ProcessHandle.current().pid());
        assertThat(engine.destroyForcibly()).isTrue();   // SIGKILL

        CommandRun done = train.get(4, TimeUnit.MINUTES);
        assertThat(done.code()).as(done.out() + done.err()).isZero();
        assertThat(done.out()).contains("engine lost after step").contains("was killed (SIGKILL")
                .contains("run killed completed after " + STEPS + " steps");
        List<RunEvent> events = EventJournal.read(run.resolve(RunJournal.EVENTS_FILE)).stream().map(EventJournal.Entry::event).toList();
        assertThat(events).filteredOn(RunEvent.EngineLost.class::isInstance).hasSize(1);
        assertThat(events.get(events.size() - 1)).isInstanceOf(RunEvent.RunCompleted.class);
        assertThat(EngineProcesses.running(home)).as("the restarted engine process stopped with the command").isEmpty();

        CommandRun reference = CommandRun.of(train(home, data, "uninterrupted", "--engine", "local"));
        assertThat(reference.code()).as(reference.err()).isZero();
        System.out.printf("engine process: %.1f s for the killed run, in process: %.1f s%n", elapsed(run),
                elapsed(home.resolve("runs/uninterrupted")));
        assertThat(losses(run)).hasSize(STEPS).containsExactlyElementsOf(losses(home.resolve("runs/uninterrupted")));
    }

    private static String[] train(Path home, Path data, String runId, String... engine) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--model", GoldenModel.FOLDER.toString(), "--data",
                data.toString(), "--steps", Integer.toString(STEPS), "--batch-size", "4", "--rank", "4", "--lr", "1e-2",
                "--save-every", "8", "--eval-every", "0", "--validation", "0", "--run-id", runId, "--seed", "3",
                "--home", home.toString(), "--device", "cpu"));
        args.addAll(List.of(engine));
        return args.toArray(String[]::new);
    }

    private static long stepsIn(Path run) {
        return Files.isRegularFile(run.resolve(RunJournal.METRICS_FILE)) ? RunJournal.steps(run).size() : 0;
    }

    private static double elapsed(Path run) {
        List<MetricsLine.Step> steps = RunJournal.steps(run);
        return steps.get(steps.size() - 1).elapsedS();
    }

    private static List<Double> losses(Path run) {
        return RunJournal.steps(run).stream().map(MetricsLine.Step::loss).toList();
    }
}
