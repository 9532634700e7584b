package dev.whetstone.engine.local.loss;

import java.util.Map;

/**
 * The cheap extra metrics of a built-in loss, computed on the host from the pass's logprobs after the
 * device work is done (O(N), no tensors).
 *
 * <p>{@code clip_fraction:mean} (ppo, cispo): of the tokens with a non-zero advantage, the fraction whose
 * ratio {@code exp(logp - q)} lies outside {@code [clip_low_threshold, clip_high_threshold]}. Tokens with
 * advantage 0 (prompts, padding of a group with equal rewards) are left out: they carry no loss, and their
 * sampler logprob is conventionally 0, which would make every prompt token look clipped. With no such
 * token the fraction is 0.
 */
public final class LossDiagnostics {
    private static final String LOW = "clip_low_threshold";
    private static final String HIGH = "clip_high_threshold";

    private LossDiagnostics() {
    }

    /** The metrics for {@code spec} over {@code batch}, whose learner logprobs are {@code logprobs} ([N·K]). */
    public static Map<String, Double> of(LossSpec spec, TokenBatch batch, float[] logprobs) {
        if (!spec.clipsRatio()) {
            return Map.of();
        }
        float[] sampler = batch.perToken("logprobs");
        float[] advantages = batch.perToken("advantages");
        float[] low = batch.perToken(LOW);
        float[] high = batch.perToken(HIGH);
        int k = batch.width();
        long counted = 0;
        long clipped = 0;
        for (TokenBatch.DatumSlice s : batch.slices()) {
            for (int p = 0; p < s.length(); p++) {
                for (int c = 0; c < s.width(); c++) {
                    int cell = (s.rowOffset() + p) * k + c;
                    if (advantages[cell] == 0) {
                        continue;
                    }
                    double ratio = Math.exp((double) logprobs[cell] - sampler[cell]);
                    counted++;
                    if (ratio < low[cell] || ratio > high[cell]) {
                        clipped++;
                    }
                }
            }
        }
        return Map.of("clip_fraction:mean", counted == 0 ? 0.0 : (double) clipped / counted);
    }
}
