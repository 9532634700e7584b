package dev.whetstone.app.playground;

import java.util.Locale;

/**
 * One sampled token as the heatmap shows it: which sample it belongs to, its text and its logprob.
 *
 * @param sequence the sample's index
 * @param token    the token id
 * @param text     the token decoded alone
 * @param logprob  its log-probability under the sampling distribution
 */
public record TokenPiece(int sequence, int token, String text, double logprob) {

    /** The hover text: {@code "'w5' (id 9) logprob -0.42, p = 0.66"}. */
    public String describe() {
        return String.format(Locale.ROOT, "'%s' (id %d)  logprob %.3f, p = %.3f", text, token, logprob, Math.exp(logprob));
    }

    /** The heat in [0, 1]: 0 for a sure token, 1 for one at or below {@code e^-6}. */
    public double heat() {
        return Math.max(0, Math.min(1, -logprob / 6));
    }
}
