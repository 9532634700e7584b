package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One line of a run's {@code metrics.jsonl} (tinker-cookbook's shape): a training step, a validation
 * evaluation, or a named held-out score. {@link RunFileCodec} writes and reads them; a reader dispatches
 * with {@code instanceof} patterns.
 */
public sealed interface MetricsLine {

    /** The optimizer step the line belongs to (1-based for step lines; 0 is the base model). */
    long step();

    /**
     * One optimizer step: {@code {"step": 12, "epoch": 0, "loss": 2.31, "loss_sum": .., "trained_tokens": ..,
     * "lr": .., "grad_norm": .., "tokens_per_s": .., "elapsed_s": .., "eta_s": ..}}.
     *
     * @param step          the step just done, from 1
     * @param epoch         the epoch its batch came from, from 0
     * @param loss          mean NLL per trained token of the step's batch
     * @param lossSum       summed NLL of the batch (Tinker's {@code loss:sum})
     * @param trainedTokens tokens with weight in the batch
     * @param lr            the learning rate of the step
     * @param gradNorm      the gradient norm before clipping (NaN when the engine reports none)
     * @param tokensPerS    input tokens per second of the step
     * @param elapsedS      seconds since the run (or its resume) started
     * @param etaS          estimated seconds to the last step
     */
    record Step(long step, long epoch, double loss, @JsonProperty("loss_sum") double lossSum,
                @JsonProperty("trained_tokens") double trainedTokens, double lr,
                @JsonProperty("grad_norm") double gradNorm, @JsonProperty("tokens_per_s") double tokensPerS,
                @JsonProperty("elapsed_s") double elapsedS, @JsonProperty("eta_s") double etaS) implements MetricsLine {
    }

    /**
     * A validation evaluation: {@code {"step": 25, "eval_loss": 1.92}}, mean NLL per trained token over the split.
     */
    record Eval(long step, @JsonProperty("eval_loss") double evalLoss) implements MetricsLine {
    }

    /**
     * A named score on held-out data, on a line of its own: {@code {"step": 25, "eval/exact_match": 0.28}}
     * (step 0 is the base model).
     *
     * @param name  the metric's name, the line's key, e.g. {@code eval/exact_match}
     * @param value its value
     */
    record Score(long step, String name, double value) implements MetricsLine {
        public Score {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.equals("step") || name.equals("loss") || name.equals("eval_loss")) {
                throw new IllegalArgumentException("a score's name must not be blank, step, loss or eval_loss, was '" + name + "'");
            }
        }
    }
}
