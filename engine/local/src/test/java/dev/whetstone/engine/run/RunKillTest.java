package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.checkpoint.AtomicDirectory;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} a supervised run in each phase of its life — before its first checkpoint, in the middle of a
 * checkpoint write (its first, at step 0), between checkpoints, while retention prunes an old checkpoint, and
 * during evaluation — and prove that every killed run can be resumed (or, with no complete checkpoint, started
 * again) to the very losses of a run that was never killed, leaving no half-written folder and no journal line
 * naming a checkpoint that is gone.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunKillTest {
    private static final int STEPS = 20;
    private static final int WRITE_ATTEMPTS = 5;

    /** The run every phase kills: rank 64 so a checkpoint write takes long enough to be caught in the middle. */
    static TrainingConfig config(String runId, int steps) {
        return PatternData.config(runId, steps).withLora(LoraConfig.ofRank(64));
    }

    static TrainingData data() {
        return PatternData.of(16, 4, 12);
    }

    @Test
    void aRunKilledInAnyPhaseResumesToTheLossesOfAnUninterruptedRun(@TempDir Path home) throws Exception {
        String midWrite = killMidWrite(home);
        killAt(home, "killed-before-first-checkpoint", PhasedRunProcess.Phase.BEFORE_FIRST_CHECKPOINT);
        killAt(home, "killed-between-checkpoints", PhasedRunProcess.Phase.BETWEEN_CHECKPOINTS);
        killAt(home, "killed-pruning", PhasedRunProcess.Phase.PRUNING);
        killAt(home, "killed-evaluating", PhasedRunProcess.Phase.EVALUATION);
        Path pruned = home.resolve("runs/killed-pruning");
        assertThat(pruned.resolve("weights/000000")).doesNotExist();
        assertThat(pruned.resolve("sampler_weights/000000")).exists();        // the kill came between the two deletions
        assertThat(RunJournal.checkpoints(pruned)).noneMatch(c -> c.name().equals("000000"));

        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            assertThat(supervisor.start(config("clean", STEPS), data()).completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            List<Double> uninterrupted = losses(supervisor.runDir("clean"));
            assertThat(uninterrupted).hasSize(STEPS);
            for (String runId : List.of(midWrite, "killed-before-first-checkpoint", "killed-between-checkpoints",
                    "killed-pruning", "killed-evaluating")) {
                RunOutcome resumed = supervisor.resume(runId, data()).completion().join();
                assertThat(resumed.status()).as(runId).isEqualTo(RunStatus.COMPLETED);
                Path dir = supervisor.runDir(runId);
                assertThat(losses(dir)).as(runId).containsExactlyElementsOf(uninterrupted);
                assertThat(scratch(dir)).as(runId + ": half-written or half-deleted folders").isEmpty();
                Set<String> onDisk = service.checkpoints().listCheckpoints(runId).stream().map(Checkpoint::tinkerPath)
                        .collect(Collectors.toSet());
                assertThat(RunJournal.checkpoints(dir)).as(runId + ": every journaled checkpoint exists")
                        .allSatisfy(c -> assertThat(onDisk).contains(c.statePath().toString(), c.samplerPath().toString()));
            }
            assertThat(pruned.resolve("sampler_weights/000000")).doesNotExist();   // resuming finished the pruning
            for (String restarted : List.of(midWrite, "killed-before-first-checkpoint")) {
                assertThat(EventJournal.read(supervisor.runDir(restarted).resolve(RunJournal.EVENTS_FILE)))
                        .anySatisfy(e -> assertThat(e.event()).isEqualTo(new RunEvent.RunResumed(0, null, STEPS)));
            }
        }
    }

    /** Kills runs in their step-0 checkpoint write until one kill lands before the write completes; returns its id. */
    private static String killMidWrite(Path home) throws Exception {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            String runId = "killed-writing-" + attempt;
            killAt(home, runId, PhasedRunProcess.Phase.CHECKPOINT_WRITE);
            Path weights = home.resolve("runs").resolve(runId).resolve("weights");
            if (!Files.exists(weights.resolve("000000")) && !scratch(home.resolve("runs").resolve(runId)).isEmpty()) {
                return runId;
            }
        }
        throw new AssertionError("no kill landed in the middle of a checkpoint write in " + WRITE_ATTEMPTS + " attempts");
    }

    /** Starts the run in a child JVM, waits until it reaches {@code phase}, and kills it with SIGKILL. */
    private static void killAt(Path home, String runId, PhasedRunProcess.Phase phase) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                PhasedRunProcess.class.getName(), home.toString(), runId, Integer.toString(STEPS), phase.name())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.equals("phase " + phase)) {
                line = out.readLine();
            }
            assertThat(line).as(runId + " reached " + phase).isEqualTo("phase " + phase);
            if (phase == PhasedRunProcess.Phase.CHECKPOINT_WRITE) {
                killWhenAWriteBegins(process, home.resolve("runs").resolve(runId).resolve("weights"));
            } else {
                process.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no finally blocks
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Lets the child's write begin and kills the child as soon as the write's hidden folder appears. */
    private static void killWhenAWriteBegins(Process process, Path weights) throws IOException, InterruptedException {
        try (WatchService watcher = weights.getFileSystem().newWatchService()) {
            weights.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            OutputStream in = process.getOutputStream();
            in.write('\n');
            in.flush();
            while (true) {
                WatchKey key = watcher.poll(60, TimeUnit.SECONDS);
                assertThat(key).as("the child began its checkpoint write").isNotNull();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path created && AtomicDirectory.isScratch(created)) {
                        process.destroyForcibly();
                        return;
                    }
                }
                key.reset();
            }
        }
    }

    private static List<Path> scratch(Path runDir) throws IOException {
        List<Path> found = new java.util.ArrayList<>();
        for (String kind : new String[] {"weights", "sampler_weights"}) {
            Path folder = runDir.resolve(kind);
            if (Files.isDirectory(folder)) {
                try (Stream<Path> children = Files.list(folder)) {
                    children.filter(AtomicDirectory::isScratch).forEach(found::add);
                }
            }
        }
        return found;
    }

    private static List<Double> losses(Path runDir) {
        return RunJournal.steps(runDir).stream().map(MetricsLine.Step::loss).toList();
    }
}
