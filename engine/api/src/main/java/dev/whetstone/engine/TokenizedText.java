package dev.whetstone.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * Token ids of a text together with the characters each token came from, so that a character span
 * (an assistant reply, say) can be mapped to the tokens that cover it.
 *
 * <p>Offsets are Java {@code char} indices into {@link #text()}, end exclusive. A character that the
 * tokenizer splits over several byte-level tokens gives each of them the same span:
 * {@code TokenizedText t = tokenizer.encodeWithOffsets("Hi"); t.start(0) == 0}
 */
public final class TokenizedText {

    private final String text;
    private final int[] ids;
    private final int[] starts;
    private final int[] ends;

    /** Copies the arrays; {@code ids}, {@code starts} and {@code ends} must have one entry per token. */
    public TokenizedText(String text, int[] ids, int[] starts, int[] ends) {
        this.text = Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ids, "ids");
        if (starts.length != ids.length || ends.length != ids.length) {
            throw new IllegalArgumentException("starts and ends must have " + ids.length + " entries, were "
                    + starts.length + " and " + ends.length);
        }
        for (int i = 0; i < ids.length; i++) {
            if (starts[i] < 0 || ends[i] < starts[i] || ends[i] > text.length()) {
                throw new IllegalArgumentException("token " + i + " span must lie in [0, " + text.length() + "], was ["
                        + starts[i] + ", " + ends[i] + ")");
            }
        }
        this.ids = ids.clone();
        this.starts = starts.clone();
        this.ends = ends.clone();
    }

    /** The text that was encoded. */
    public String text() {
        return text;
    }

    /** A copy of the token ids. */
    public int[] ids() {
        return ids.clone();
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }

    /** Id of token {@code i}. */
    public int id(int i) {
        return ids[Objects.checkIndex(i, ids.length)];
    }

    /** First character of token {@code i}. */
    public int start(int i) {
        return starts[Objects.checkIndex(i, ids.length)];
    }

    /** One past the last character of token {@code i}. */
    public int end(int i) {
        return ends[Objects.checkIndex(i, ids.length)];
    }

    /** The first {@code n} tokens (all of them when there are fewer), of the same text: {@code t.first(1024)}. */
    public TokenizedText first(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, was " + n);
        }
        if (n >= ids.length) {
            return this;
        }
        return new TokenizedText(text, Arrays.copyOf(ids, n), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
    }
}
