package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * One line of a run's {@code metrics.jsonl} (tinker-cookbook's shape): a training step (of supervised fine-tuning,
 * DPO or GRPO), a validation evaluation, or a named held-out score. {@link RunFileCodec} writes and reads them; a
 * reader dispatches with {@code instanceof} patterns ({@link TrainingStep} for what every method's step line has).
 */
public sealed interface MetricsLine {

    /** The optimizer step the line belongs to (1-based for step lines; 0 is the base model). */
    long step();

    /**
     * The line of one optimizer step, whatever the run's method: {@link Step} (supervised), {@link DpoStep} or
     * {@link GrpoStep}. The fields below are on each; the method's own metrics sit between {@code loss} and {@code lr}.
     */
    sealed interface TrainingStep extends MetricsLine {
        /** The epoch the step's batch came from, from 0. */
        long epoch();

        /** The step's loss: mean NLL per trained token (SFT), the DPO loss, or GRPO's surrogate loss per token. */
        double loss();

        /** The learning rate of the step. */
        double lr();

        /** The gradient norm before clipping (NaN when the engine reports none). */
        double gradNorm();

        /** Input tokens per second of the step. */
        double tokensPerS();

        /** Seconds since the run (or its resume) started. */
        double elapsedS();

        /** Estimated seconds to the last step. */
        double etaS();
    }

    /**
     * One optimizer step of supervised fine-tuning: {@code {"step": 12, "epoch": 0, "loss": 2.31, "loss_sum": .., "trained_tokens": ..,
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
                @JsonProperty("elapsed_s") double elapsedS, @JsonProperty("eta_s") double etaS) implements TrainingStep {
    }

    /**
     * One DPO step (tinker-cookbook's {@code train_dpo} metrics over the batch's pairs): {@code {"step": 3, "epoch": 0,
     * "loss": 0.69, "accuracy": 0.5, "margin": 0.01, "chosen_reward": 0.02, "rejected_reward": 0.01, "lr": ..,
     * "grad_norm": .., "tokens_per_s": .., "elapsed_s": .., "eta_s": ..}}. The rewards are the implicit ones,
     * β · (log-ratio of the policy to the reference).
     *
     * @param loss           the mean DPO loss of the batch
     * @param accuracy       the share of pairs whose chosen reply has the larger implicit reward
     * @param margin         the mean of chosen minus rejected reward
     * @param chosenReward   the mean implicit reward of the chosen replies
     * @param rejectedReward the mean implicit reward of the rejected replies
     */
    record DpoStep(long step, long epoch, double loss, double accuracy, double margin,
                   @JsonProperty("chosen_reward") double chosenReward, @JsonProperty("rejected_reward") double rejectedReward,
                   double lr, @JsonProperty("grad_norm") double gradNorm, @JsonProperty("tokens_per_s") double tokensPerS,
                   @JsonProperty("elapsed_s") double elapsedS, @JsonProperty("eta_s") double etaS) implements TrainingStep {
    }

    /**
     * One GRPO step (tinker-cookbook's RL metrics): {@code {"step": 3, "epoch": 0, "loss": -0.01, "reward_mean": 0.4,
     * "reward_std": 0.3, "frac_no_signal": 0.25, "completion_tokens": 11.5, "kl_sample_train_v1": 0.001,
     * "kl_sample_train_v2": 0.0001, "lr": .., "grad_norm": .., "tokens_per_s": .., "elapsed_s": .., "eta_s": ..}}.
     * A step whose groups all scored alike takes no optimizer step: its loss, gradient norm, tokens and KLs are 0.
     *
     * @param loss             the surrogate loss ({@code importance_sampling} or {@code ppo}) per completion token
     * @param rewardMean       the mean reward of every sampled completion
     * @param rewardStd        their spread (population standard deviation)
     * @param fracNoSignal     the share of groups whose completions all scored alike (no advantage, not trained on)
     * @param completionTokens the mean completion length in tokens
     * @param klSampleTrainV1  the mean of sampler minus learner log-probability over the trained completion tokens
     * @param klSampleTrainV2  half the mean squared difference of the same
     */
    record GrpoStep(long step, long epoch, double loss, @JsonProperty("reward_mean") double rewardMean,
                    @JsonProperty("reward_std") double rewardStd, @JsonProperty("frac_no_signal") double fracNoSignal,
                    @JsonProperty("completion_tokens") double completionTokens,
                    @JsonProperty("kl_sample_train_v1") double klSampleTrainV1,
                    @JsonProperty("kl_sample_train_v2") double klSampleTrainV2,
                    double lr, @JsonProperty("grad_norm") double gradNorm, @JsonProperty("tokens_per_s") double tokensPerS,
                    @JsonProperty("elapsed_s") double elapsedS, @JsonProperty("eta_s") double etaS) implements TrainingStep {
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
