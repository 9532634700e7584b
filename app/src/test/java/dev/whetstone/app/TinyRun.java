package dev.whetstone.app;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.LearningRateSchedule;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A real short supervised run on the golden tiny model, written under an engine home, for pane tests and screenshots. */
public final class TinyRun {
    private TinyRun() {
    }

    /** A 12-example chat dataset of the tiny model's words ("w3 w4" → "w5 w6"). */
    public static Path dataset(Path file) {
        return dataset(file, 12);
    }

    /** A chat dataset of {@code examples} rows of the same five patterns. */
    public static Path dataset(Path file, int examples) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < examples; i++) {
            int a = 3 + i % 5;
            rows.add("{\"messages\": [{\"role\": \"user\", \"content\": \"w" + a + " w" + (a + 1) + "\"}, "
                    + "{\"role\": \"assistant\", \"content\": \"w" + (a + 2) + " w" + (a + 3) + "\"}]}");
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The config of a {@code steps}-step LoRA run with evaluation and a checkpoint every 3 steps. */
    public static TrainingConfig config(String runId, Path data, int steps) {
        return TrainingConfig.defaults(GoldenModel.FOLDER.toString(), data.toString()).withRunId(runId)
                .withLora(LoraConfig.ofRank(4)).withBatching(4, 1, steps).withCadence(3, 3, 3, 0).withSeed(3)
                .withOptimizer(LearningRateSchedule.cosine(1), AdamParams.defaults().withLearningRate(1e-2).withGradClipNorm(1.0));
    }

    /** Starts the run with its own supervisor on {@code service}. */
    public static RunHandle start(ServiceClient service, Path home, TrainingConfig config) {
        try (HfTokenizer tokenizer = HfTokenizer.load(GoldenModel.FOLDER, config.baseModel())) {
            return new RunSupervisor(service, home).start(config, TrainingDataLoader.load(config, tokenizer).data());
        }
    }

    /** Runs {@code steps} steps to the end in a service of its own and returns the run folder. */
    public static Path complete(Path home, String runId, int steps) {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunHandle run = start(service, home, config(runId, dataset(home.resolve("data/chat.jsonl")), steps));
            run.completion().join();
            return run.dir();
        }
    }
}
