package dev.whetstone.engine.data;

import java.util.Objects;
import java.util.Set;

/**
 * What lint checks on GRPO prompt rows: room for {@code completionTokens} of completion within the max length, and
 * the fields the reward reads.
 *
 * <p>{@code new PromptRules(64, Set.of("answer"))} for {@code exact-match:answer} with 64-token completions.
 */
public record PromptRules(int completionTokens, Set<String> requiredFields) {

    /** Only the prompt itself is checked. */
    public static final PromptRules NONE = new PromptRules(0, Set.of());

    public PromptRules {
        if (completionTokens < 0) {
            throw new IllegalArgumentException("completionTokens must be >= 0, was " + completionTokens);
        }
        requiredFields = Set.copyOf(Objects.requireNonNull(requiredFields, "requiredFields"));
    }
}
