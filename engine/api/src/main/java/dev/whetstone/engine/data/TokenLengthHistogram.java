package dev.whetstone.engine.data;

import java.util.ArrayList;
import java.util.List;

/**
 * How many rows have how many tokens, against the max-length cutoff: {@link #BINS} equal bins from 0 to
 * twice the cutoff, and a last bin for longer rows. Lint counts a row's tokens only up to just past twice the
 * cutoff ({@link SupervisedExampleBuilder#countedTokens()}), so {@link #longest()} is at most that.
 */
public final class TokenLengthHistogram {

    /** Bins below twice the cutoff; one more holds the rest. */
    public static final int BINS = 20;

    /** One bar: rows with {@code from <= tokens < to} ({@code to} is {@link Integer#MAX_VALUE} for the last). */
    public record Bin(int from, int to, long rows) {
    }

    private final int cutoff;
    private final int binWidth;
    private final long[] counts = new long[BINS + 1];
    private long rows;
    private long overCutoff;
    private int longest;
    private long totalTokens;

    /** An empty histogram for {@code cutoff} = the max length. */
    public TokenLengthHistogram(int cutoff) {
        if (cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be >= 1, was " + cutoff);
        }
        this.cutoff = cutoff;
        this.binWidth = Math.max(1, (2 * cutoff + BINS - 1) / BINS);
    }

    /** Counts one row of {@code tokens} tokens. */
    public void add(int tokens) {
        counts[Math.min(BINS, tokens / binWidth)]++;
        rows++;
        totalTokens += tokens;
        longest = Math.max(longest, tokens);
        if (tokens > cutoff) {
            overCutoff++;
        }
    }

    public int cutoff() {
        return cutoff;
    }

    /** The bars, in order. */
    public List<Bin> bins() {
        List<Bin> bins = new ArrayList<>(BINS + 1);
        for (int i = 0; i <= BINS; i++) {
            bins.add(new Bin(i * binWidth, i == BINS ? Integer.MAX_VALUE : (i + 1) * binWidth, counts[i]));
        }
        return bins;
    }

    public long rows() {
        return rows;
    }

    /** Rows longer than the cutoff (truncated). */
    public long overCutoff() {
        return overCutoff;
    }

    public int longest() {
        return longest;
    }

    public double mean() {
        return rows == 0 ? 0 : (double) totalTokens / rows;
    }
}
