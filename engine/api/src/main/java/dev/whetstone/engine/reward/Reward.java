package dev.whetstone.engine.reward;

import java.util.List;
import java.util.Set;

/**
 * Scores sampled completions for GRPO: one number per completion, higher is better. A built-in
 * ({@link Rewards#parse}) or the user's own program ({@link RewardCommand}).
 *
 * <p>Example: {@code double[] r = Rewards.parse("exact-match:answer").score(List.of(new RewardInput(row, "we eat it")));}
 */
public interface Reward {

    /**
     * The rewards of {@code inputs}, in order.
     *
     * @throws RewardException when the reward could not be computed (a program that failed, hung or answered badly)
     */
    double[] score(List<RewardInput> inputs);

    /** The row fields it reads, which lint requires of every prompt row. */
    default Set<String> requiredFields() {
        return Set.of();
    }

    /** What it is, as the user wrote it: {@code exact-match:answer}, {@code command: python3 reward.py}. */
    String describe();
}
