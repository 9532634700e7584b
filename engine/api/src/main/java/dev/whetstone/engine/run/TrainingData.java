package dev.whetstone.engine.run;

import dev.whetstone.engine.Datum;
import dev.whetstone.engine.TensorData;
import java.util.List;
import java.util.Objects;

/**
 * The rendered examples of a run: training and validation datums (Tinker's alignment: position i
 * predicts target i), and how many examples were truncated to the maximum length. A DPO or GRPO run
 * also carries its pairs or prompts ({@link #method()}); its datums are then the pairs' sides (chosen,
 * rejected, in pair order), or none for GRPO, whose datums come from sampling.
 */
public record TrainingData(List<Datum> train, List<Datum> validation, long truncatedExamples, MethodData method) {

    public TrainingData {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        if (method == null ? train.isEmpty() : method.trainSize() == 0) {
            throw new IllegalArgumentException("the training split is empty; the dataset needs at least one usable example");
        }
        train = List.copyOf(train);
        validation = List.copyOf(validation);
    }

    /** Supervised data: the datums are the examples. */
    public TrainingData(List<Datum> train, List<Datum> validation, long truncatedExamples) {
        this(train, validation, truncatedExamples, null);
    }

    /** Training examples the loop batches: datums for SFT, pairs for DPO, prompts for GRPO. */
    public int examples() {
        return method == null ? train.size() : method.trainSize();
    }

    /** Held-out examples: validation datums for SFT, held-out pairs or prompts otherwise. */
    public int heldoutExamples() {
        return method == null ? validation.size() : method.heldoutSize();
    }

    /** Sum of the loss weights of {@code datums}: the trained tokens (for 0/1 weights). */
    public static double trainedTokens(List<Datum> datums) {
        double total = 0;
        for (Datum d : datums) {
            TensorData w = d.lossFnInputs().get("weights");
            if (w != null) {
                for (float v : w.floats()) {
                    total += v;
                }
            }
        }
        return total;
    }

    /** Input tokens of {@code datums}. */
    public static long inputTokens(List<Datum> datums) {
        long total = 0;
        for (Datum d : datums) {
            total += d.modelInput().length();
        }
        return total;
    }
}
