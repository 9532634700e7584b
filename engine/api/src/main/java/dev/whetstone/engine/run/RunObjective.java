package dev.whetstone.engine.run;

import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.TrainingClient;
import java.util.function.Function;

/**
 * What one kind of run does at each step and each evaluation, for {@link RunLoop}: supervised fine-tuning, DPO or
 * GRPO. The loop owns everything else (order, schedule, controls, checkpoints, the divergence guard, the journal's
 * step lines, which it writes from each {@link StepResult}), so every control applies to every method unchanged.
 */
interface RunObjective {

    /** Before the loop's first step of this life of the run (fresh, resumed or branched) at {@code step}. */
    default void prepare(long step) {
    }

    /**
     * One optimizer step on the training examples {@code examples} (indices into the training set) with {@code adam}.
     *
     * @throws dev.whetstone.engine.reward.RewardException when a reward cannot be computed (the loop pauses the run)
     */
    StepResult step(long step, int[] examples, AdamParams adam);

    /**
     * Scores the held-out data at {@code step}, writing its metrics line and events; the loss early stopping watches,
     * or null when there is none (nothing held out, or a method without a loss to watch).
     */
    Double evaluate(long step);

    /** The held-out metric scored before the first step (the base's level), or null when the method scores none then. */
    default String baseMetric() {
        return null;
    }

    /** The objective of {@code config}'s method. */
    static RunObjective of(TrainingConfig config, TrainingData data, RunJournal journal, TrainingClient client) {
        return switch (config.objective()) {
            case SFT -> new SupervisedObjective(config, data, journal, client);
            case DPO -> new DpoObjective(config, (MethodData.Pairs) data.method(), journal, client);
            case GRPO -> new GrpoObjective(config, (MethodData.Prompts) data.method(), journal, client);
        };
    }

    /**
     * What a step did.
     *
     * @param loss         the step's loss, as the {@code loss} of {@code metrics.jsonl}
     * @param gradNorm     the gradient norm before clipping
     * @param inputTokens  tokens that went through the model (for tokens/s)
     * @param spikeWatched whether a loss spike means divergence (a GRPO surrogate loss swings around 0 by design:
     *                     only non-finite values count there)
     * @param line         the method's step line, given what the loop measured around the step
     */
    record StepResult(double loss, double gradNorm, long inputTokens, boolean spikeWatched,
                      Function<StepTiming, MetricsLine.TrainingStep> line) {
    }

    /**
     * What the loop knows of a step that the method does not: where it stands and how fast it went.
     *
     * @param step       the step just done, from 1
     * @param epoch      the epoch its batch came from
     * @param lr         its learning rate
     * @param tokensPerS input tokens per second
     * @param elapsedS   seconds since the run (or its resume) started
     * @param etaS       estimated seconds to the last step
     */
    record StepTiming(long step, long epoch, double lr, double tokensPerS, double elapsedS, double etaS) {
    }
}
