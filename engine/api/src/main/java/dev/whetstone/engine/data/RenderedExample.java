package dev.whetstone.engine.data;

import java.util.Objects;

/**
 * A row rendered to the full token sequence and a loss weight per token (before the shift and before
 * truncation) — what the token inspector shows: {@code rendered.weight(i) == 1f} marks a trained token.
 */
public final class RenderedExample {

    private final String text;
    private final int[] tokens;
    private final float[] weights;
    private final int[] starts;
    private final int[] ends;

    /** Copies the arrays; all four must have one entry per token. */
    public RenderedExample(String text, int[] tokens, float[] weights, int[] starts, int[] ends) {
        this.text = Objects.requireNonNull(text, "text");
        if (weights.length != tokens.length || starts.length != tokens.length || ends.length != tokens.length) {
            throw new IllegalArgumentException("weights, starts and ends must have " + tokens.length + " entries");
        }
        this.tokens = tokens.clone();
        this.weights = weights.clone();
        this.starts = starts.clone();
        this.ends = ends.clone();
    }

    /** The rendered text (the chat template's output, or the document). */
    public String text() {
        return text;
    }

    /** Number of tokens. */
    public int length() {
        return tokens.length;
    }

    /** A copy of the token ids. */
    public int[] tokens() {
        return tokens.clone();
    }

    /** A copy of the weights: 1 for trained tokens, 0 for masked ones. */
    public float[] weights() {
        return weights.clone();
    }

    public int token(int i) {
        return tokens[Objects.checkIndex(i, tokens.length)];
    }

    public float weight(int i) {
        return weights[Objects.checkIndex(i, weights.length)];
    }

    /** The characters of {@link #text()} that token {@code i} came from: {@code text.substring(start(i), end(i))}. */
    public int start(int i) {
        return starts[Objects.checkIndex(i, starts.length)];
    }

    public int end(int i) {
        return ends[Objects.checkIndex(i, ends.length)];
    }

    /** Number of tokens with a non-zero weight. */
    public int trainedTokens() {
        int n = 0;
        for (float w : weights) {
            n += w != 0f ? 1 : 0;
        }
        return n;
    }
}
