package dev.whetstone.engine.run;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ModelInput;
import dev.whetstone.engine.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A learnable synthetic dataset for the golden tiny models: arithmetic token sequences. */
final class PatternData {
    static final String MODEL = Path.of("src/test/resources/golden/qwen3_tied/model").toAbsolutePath().toString();

    private PatternData() {
    }

    /** {@code count} training and {@code validation} held-out sequences of {@code length} tokens. */
    static TrainingData of(int count, int validation, int length) {
        List<Datum> all = new ArrayList<>();
        for (int i = 0; i < count + validation; i++) {
            int start = (i * 7) % 60;
            int stride = 1 + i % 3;
            int[] tokens = new int[length + 1];
            for (int t = 0; t <= length; t++) {
                tokens[t] = (start + t * stride) % 90;
            }
            long[] targets = new long[length];
            float[] weights = new float[length];
            int[] input = new int[length];
            for (int t = 0; t < length; t++) {
                input[t] = tokens[t];
                targets[t] = tokens[t + 1];
                weights[t] = t == 0 ? 0f : 1f;
            }
            all.add(new Datum(ModelInput.fromInts(input),
                    Map.of("target_tokens", TensorData.ofLongs(targets), "weights", TensorData.ofFloats(weights))));
        }
        return new TrainingData(all.subList(0, count), all.subList(count, count + validation), 0);
    }

    /** A small LoRA config for these tests: rank 4, batch 4, lr 1e-2, checkpoints every 5 steps. */
    static TrainingConfig config(String runId, int steps) {
        return TrainingConfig.defaults(MODEL, "synthetic.jsonl").withRunId(runId)
                .withLora(dev.whetstone.engine.LoraConfig.ofRank(4))
                .withBatching(4, 1, steps)
                .withOptimizer(LearningRateSchedule.cosine(2),
                        dev.whetstone.engine.AdamParams.defaults().withLearningRate(1e-2).withEps(1e-8).withGradClipNorm(1.0))
                .withCadence(5, 5, 2, 0)
                .withSeed(42);
    }
}
