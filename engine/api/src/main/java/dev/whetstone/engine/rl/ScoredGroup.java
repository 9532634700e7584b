package dev.whetstone.engine.rl;

import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.data.RenderedPrompt;
import java.util.List;
import java.util.Objects;

/**
 * The completions sampled for one prompt, their decoded texts and their rewards (same order).
 *
 * @param texts   each completion decoded without its end-of-turn token
 * @param rewards each completion's reward; copied in and out
 */
public record ScoredGroup(RenderedPrompt prompt, List<SampledSequence> completions, List<String> texts, double[] rewards) {

    public ScoredGroup {
        Objects.requireNonNull(prompt, "prompt");
        completions = List.copyOf(completions);
        texts = List.copyOf(texts);
        rewards = rewards.clone();
        if (completions.size() != texts.size() || texts.size() != rewards.length) {
            throw new IllegalArgumentException("need one text and one reward per completion, had " + completions.size()
                    + " completions, " + texts.size() + " texts and " + rewards.length + " rewards");
        }
    }

    @Override
    public double[] rewards() {
        return rewards.clone();
    }

    /** The group's mean reward. */
    public double meanReward() {
        return GroupAdvantages.mean(rewards);
    }

    /** Whether the rewards differ (a group whose rewards are all equal teaches nothing). */
    public boolean hasSignal() {
        return GroupAdvantages.hasSignal(rewards);
    }
}
