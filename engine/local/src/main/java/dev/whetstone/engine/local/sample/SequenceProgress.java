package dev.whetstone.engine.local.sample;

import dev.whetstone.engine.SampledSequence;
import dev.whetstone.engine.StopReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One sequence being generated: its tokens and logprobs so far, and whether it has ended.
 *
 * <p>A token ends the sequence with {@link StopReason#STOP} when it is a stop token (caller's or EOS) or
 * completes a stop string, and is kept either way; otherwise the {@code maxTokens}-th token ends it with
 * {@link StopReason#LENGTH}. STOP wins when both happen on the same token.
 */
final class SequenceProgress {
    private final int maxTokens;
    private final Set<Integer> stopTokens;
    private final StopStrings stopStrings;
    private final List<Integer> tokens = new ArrayList<>();
    private final List<Double> logprobs = new ArrayList<>();
    private StopReason stopReason;

    SequenceProgress(int maxTokens, Set<Integer> stopTokens, StopStrings stopStrings) {
        this.maxTokens = maxTokens;
        this.stopTokens = stopTokens;
        this.stopStrings = stopStrings;
    }

    /** Appends a drawn token; returns why the sequence ended with it, or null if it goes on. */
    StopReason accept(int token, double logprob) {
        if (stopReason != null) {
            throw new IllegalStateException("the sequence already ended (" + stopReason + ")");
        }
        tokens.add(token);
        logprobs.add(logprob);
        if (stopTokens.contains(token) || stopStrings.completedBy(tokens)) {
            stopReason = StopReason.STOP;
        } else if (tokens.size() >= maxTokens) {
            stopReason = StopReason.LENGTH;
        }
        return stopReason;
    }

    boolean done() {
        return stopReason != null;
    }

    /** Tokens generated so far. */
    int length() {
        return tokens.size();
    }

    /** The finished sequence; a sequence cut short by cancellation reports LENGTH. */
    SampledSequence toSequence() {
        return new SampledSequence(tokens, logprobs, stopReason == null ? StopReason.LENGTH : stopReason);
    }
}
