package dev.whetstone.engine.run;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Writes the legacy run-folder fixtures (run by hand; FIXTURE_OUT names the output folder). */
@EnabledIfEnvironmentVariable(named = "FIXTURE_OUT", matches = ".+")
class LegacyRunFixtureGenerator {
    static final Path HOME = Path.of("/tmp/whetstone-legacy-fixture-home");

    @Test
    void generate() throws Exception {
        Path out = Path.of(System.getenv("FIXTURE_OUT"));
        Path model = HOME.resolve("models/qwen3_tied");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of(PatternData.MODEL))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path data = HOME.resolve("data/chat.jsonl");
        Path heldout = HOME.resolve("data/heldout.jsonl");
        Files.createDirectories(data.getParent());
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int a = 3 + i % 5;
            rows.add("{\"messages\": [{\"role\": \"user\", \"content\": \"w" + a + " w" + (a + 1) + "\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"w" + (a + 2) + " w" + (a + 3) + "\"}]}");
        }
        Files.write(data, rows);
        Files.write(heldout, rows.subList(0, 3));
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(HOME).device("cpu").build());
             HfTokenizer tokenizer = HfTokenizer.load(model, model.toString())) {
            RunSupervisor supervisor = new RunSupervisor(service, HOME);
            TrainingConfig finishedConfig = config("finished", model, data, heldout, 6);
            TrainingData trainingData = TrainingDataLoader.load(finishedConfig, tokenizer).data();
            supervisor.start(finishedConfig, trainingData).completion().join();
            copy("finished", out);
            supervisor.branch("finished", "000003", "branched", trainingData).completion().join();
            copy("branched", out);

            RunHandle paused = supervisor.start(config("paused", model, data, heldout, 30), trainingData);
            CompletableFuture<Void> isPaused = new CompletableFuture<>();
            paused.onEvent(e -> {
                if (e.event() instanceof RunEvent.RunPaused) {
                    isPaused.complete(null);
                }
            });
            paused.onMetrics(line -> {
                if (Long.valueOf(4).equals(line.get("step")) && line.containsKey("loss")) {
                    paused.controls().pause();
                }
            });
            isPaused.join();
            copy("paused", out);
            paused.controls().stop();
            paused.completion().join();

            RunHandle interrupted = supervisor.start(config("interrupted", model, data, heldout, 30), trainingData);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Void> reached = new CompletableFuture<>();
            interrupted.onMetrics(line -> {
                if (Long.valueOf(5).equals(line.get("step")) && line.containsKey("loss")) {
                    reached.complete(null);
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            reached.join();
            copy("interrupted", out);
            interrupted.controls().stop();
            release.countDown();
            interrupted.completion().join();
        }
        Files.createDirectories(out.resolve("data"));
        Files.copy(data, out.resolve("data/chat.jsonl"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(heldout, out.resolve("data/heldout.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static TrainingConfig config(String runId, Path model, Path data, Path heldout, int steps) {
        return TrainingConfig.defaults(model.toString(), data.toString()).withRunId(runId)
                .withLora(LoraConfig.ofRank(4)).withBatching(4, 1, steps).withCadence(3, 3, 2, 0).withSeed(3)
                .withOptimizer(LearningRateSchedule.cosine(1), AdamParams.defaults().withLearningRate(1e-2).withGradClipNorm(1.0))
                .withEvalExactMatchFile(heldout.toString());
    }

    private static void copy(String runId, Path out) throws IOException {
        Path from = HOME.resolve("runs").resolve(runId);
        Path to = out.resolve("runs").resolve(runId);
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
