package dev.whetstone.app.playground;

import java.util.Locale;

/**
 * One sampled token as the heatmap shows it: which sample it belongs to, where, its text and its logprob.
 *
 * @param sequence the sample's index
 * @param position its index in the sample, from 0
 * @param token    the token id
 * @param text     the token decoded alone
 * @param logprob  its log-probability under the sampling distribution
 */
public record TokenPiece(int sequence, int position, int token, String text, double logprob) {

    /** The hover text: {@code "'w5' (id 9) logprob -0.42, p = 0.66"}. */
    public String describe() {
        return String.format(Locale.ROOT, "'%s' (id %d)  logprob %.3f, p = %.3f", text, token, logprob, Math.exp(logprob));
    }

    /** The hover text with the model's top alternatives under it, most likely first (none yet: the first line alone). */
    public String describe(java.util.List<TokenChoice> alternatives) {
        if (alternatives.isEmpty()) {
            return describe();
        }
        StringBuilder text = new StringBuilder(describe()).append("\ntop ").append(alternatives.size()).append(" (model):");
        alternatives.forEach(a -> text.append("\n  ").append(a.describe()));
        return text.toString();
    }

    /** The heat in [0, 1]: 0 for a sure token, 1 for one at or below {@code e^-6}. */
    public double heat() {
        return Math.max(0, Math.min(1, -logprob / 6));
    }
}
