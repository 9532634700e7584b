package dev.whetstone.app.playground;

import java.util.Locale;

/**
 * One of the model's most likely tokens at a generated position, as the heatmap's hover lists them.
 *
 * @param token   the token id
 * @param text    the token decoded alone
 * @param logprob its log-probability under the model (temperature 1, no truncation)
 */
public record TokenChoice(int token, String text, double logprob) {

    /** {@code "'w5'  -0.420 (p = 0.657)"}. */
    public String describe() {
        return String.format(Locale.ROOT, "'%s'  %.3f (p = %.3f)", text.replace("\n", "⏎"), logprob, Math.exp(logprob));
    }
}
