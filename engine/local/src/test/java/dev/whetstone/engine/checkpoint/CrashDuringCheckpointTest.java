package dev.whetstone.engine.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} a JVM that is writing checkpoints back to back: afterwards the store lists only
 * complete checkpoints, and every one of them loads.
 */
class CrashDuringCheckpointTest {
    private static final int ATTEMPTS = 5;

    @Test
    void aKilledWriterLeavesOnlyCompleteLoadableCheckpoints(@TempDir Path home) throws Exception {
        String model = Fixture.load("qwen3_tied").model();
        boolean killedMidWrite = false;
        String runId = null;
        for (int attempt = 0; attempt < ATTEMPTS && !killedMidWrite; attempt++) {
            runId = killWriterAfterThreeSaves(home, model);
            killedMidWrite = hasScratchFolder(home.resolve("runs").resolve(runId).resolve("weights"));
        }
        assertThat(killedMidWrite).as("a kill landed in the middle of a write in " + ATTEMPTS + " attempts").isTrue();
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            List<Checkpoint> listed = service.checkpoints().listCheckpoints(runId);
            assertThat(listed).hasSizeGreaterThanOrEqualTo(3);
            assertThat(listed).extracting(Checkpoint::checkpointId).allMatch(id -> id.matches("weights/c\\d+"));
            try (TrainingClient client = service.createLoraTrainingClient(model, LoraConfig.ofRank(CheckpointWriterProcess.WRITER_RANK))) {
                for (Checkpoint c : listed) {
                    client.loadStateWithOptimizer(c.tinkerPath()).join();
                }
            }
        }
    }

    /**
     * Starts the writer, waits for its third save, then for the next write's temporary folder to appear,
     * and kills it with SIGKILL; returns its run id.
     */
    private static String killWriterAfterThreeSaves(Path home, String model) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-DOPT_OUT_TRACKING=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                CheckpointWriterProcess.class.getName(), home.toString(), model)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String runId = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> saved = new ArrayList<>();
            for (String line = out.readLine(); line != null && saved.size() < 3; line = out.readLine()) {
                if (line.startsWith("saved ")) {
                    saved.add(line);
                }
            }
            assertThat(saved).as("the writer saved three checkpoints").hasSize(3);
            runId = TinkerPath.parse(saved.get(0).substring("saved ".length())).runId();
            awaitScratchFolder(home.resolve("runs").resolve(runId).resolve("weights"));
            process.destroyForcibly();   // SIGKILL on Linux: no shutdown hooks, no finally blocks
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return runId;
    }

    /** Blocks until a hidden write-in-progress folder is created in {@code dir}. */
    private static void awaitScratchFolder(Path dir) throws IOException, InterruptedException {
        try (WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE);
            while (true) {
                WatchKey key = watcher.poll(30, TimeUnit.SECONDS);
                assertThat(key).as("the writer started another checkpoint within 30 s").isNotNull();
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.context() instanceof Path created && AtomicDirectory.isScratch(created)) {
                        return;
                    }
                }
                key.reset();
            }
        }
    }

    private static boolean hasScratchFolder(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.anyMatch(AtomicDirectory::isScratch);
        }
    }
}
