package dev.whetstone.engine.data;

/**
 * Token counts of one {@link SupervisedExample}, for per-step metrics and lint.
 *
 * @param tokens          tokens of the full rendering
 * @param keptTokens      tokens left after truncation to the max length
 * @param trainedTokens   target tokens with a non-zero weight in the datum (after truncation)
 * @param cutTrainedTokens trained tokens truncation removed
 * @param trainsStopToken whether a trained target is an EOS / end-of-turn token, so the model learns to stop
 * @param uncounted       whether the row is longer than the tokens counted ({@link SupervisedExampleBuilder} stops
 *                        at twice the max length, so a huge row costs no more than a long one): then {@code tokens}
 *                        and {@code cutTrainedTokens} are lower bounds
 */
public record ExampleStats(int tokens, int keptTokens, int trainedTokens, int cutTrainedTokens, boolean trainsStopToken,
        boolean uncounted) {

    /** Stats of a row counted to its end. */
    public ExampleStats(int tokens, int keptTokens, int trainedTokens, int cutTrainedTokens, boolean trainsStopToken) {
        this(tokens, keptTokens, trainedTokens, cutTrainedTokens, trainsStopToken, false);
    }

    /** Whether the max length cut the row. */
    public boolean truncated() {
        return keptTokens < tokens;
    }
}
