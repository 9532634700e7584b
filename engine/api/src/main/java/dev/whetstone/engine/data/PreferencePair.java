package dev.whetstone.engine.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A preference pair ready for DPO: the chosen and the rejected conversation each rendered with the model's chat
 * template, truncated and shifted to a datum whose weights mark the reply (and its end-of-turn token) alone.
 * DPO pushes the chosen reply's log-probability up and the rejected one's down, relative to the reference model.
 */
public record PreferencePair(SourceLine source, SupervisedExample chosen, SupervisedExample rejected) {

    public PreferencePair {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(chosen, "chosen");
        Objects.requireNonNull(rejected, "rejected");
    }

    /** Whether both sides keep trained tokens after truncation (a pair without them cannot be compared). */
    public boolean trainable() {
        return chosen.stats().trainedTokens() > 0 && rejected.stats().trainedTokens() > 0;
    }

    /** Whether the two datums are the same after truncation: identical replies, or a cut before they differ. */
    public boolean identical() {
        return Arrays.equals(chosen.rendered().tokens(), rejected.rendered().tokens()) || sameDatum();
    }

    private boolean sameDatum() {
        return Arrays.equals(chosen.datum().modelInput().toInts(), rejected.datum().modelInput().toInts())
                && Arrays.equals(chosen.datum().input("target_tokens").longs(), rejected.datum().input("target_tokens").longs())
                && Arrays.equals(chosen.datum().input("weights").floats(), rejected.datum().input("weights").floats());
    }
}
