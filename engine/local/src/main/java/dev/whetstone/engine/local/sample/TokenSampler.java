package dev.whetstone.engine.local.sample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.whetstone.engine.SamplingParams;
import dev.whetstone.engine.local.tensor.ScalarConstants;

/**
 * Draws one token per row from logits [B, V] on the device: temperature, then top-k, then top-p on the
 * renormalised top-k distribution, then an inverse-CDF draw with one uniform number per row.
 *
 * <p>Why inverse CDF and not Gumbel-max (DJL has no multinomial): Gumbel-max needs V random numbers per
 * row from torch's global generator, which DJL cannot seed per request and which differs between CPU and
 * CUDA. Here the only randomness is one Java-seeded uniform per row and step, so a seed gives the same
 * sequence on any device, and sequence i does not depend on how many others share the batch.
 *
 * <p>The returned logprob of a token is under the distribution it was drawn from: log-softmax of the
 * tempered, truncated logits. With temperature 1 and no truncation that is exactly the model's
 * log-softmax (no op is applied), so it equals the teacher-forced logprob.
 */
public final class TokenSampler {
    private final SamplingParams params;
    private final ScalarConstants constants;
    private final int vocab;

    public TokenSampler(SamplingParams params, ScalarConstants constants, int vocab) {
        this.params = params;
        this.constants = constants;
        this.vocab = vocab;
    }

    /** One draw per row: the token ids and their logprobs. */
    public record Draw(int[] tokens, float[] logprobs) {
    }

    /**
     * Draws from {@code logits} [B, V] with {@code uniforms} (one per row, in (0, 1]). Runs inside the caller's NDScope.
     *
     * <p>The device computes the distribution and its probabilities (float32); the inverse CDF runs here on
     * one host copy of each, in float64 and in order, exactly as torch's float64 {@code cumsum} adds them
     * (so 151k adds stay accurate and the draws are bit-identical to a device-side cumsum), without the
     * eleven small tensors and the second host sync that the device version of a few [B, V] scans took.
     */
    public Draw draw(NDArray logits, double[] uniforms) {
        int rows = uniforms.length;
        NDArray logp = distribution(logits);                                  // [B, V]
        float[] logps = logp.toFloatArray();
        float[] probs = logp.exp().toFloatArray();
        int width = probs.length / rows;
        int[] tokens = new int[rows];
        float[] chosen = new float[rows];
        double[] cdf = new double[width];
        for (int r = 0; r < rows; r++) {
            int base = r * width;
            double cumulative = 0;
            for (int i = 0; i < width; i++) {
                cumulative += probs[base + i];
                cdf[i] = cumulative;
            }
            double target = cumulative * uniforms[r];                        // u · total mass
            // the first index whose cumulative mass reaches the target, i.e. the count of cumulative masses
            // below it, as the masses never decrease (probabilities are >= 0); a NaN anywhere makes the target
            // NaN and then none is below; u > 0 so a zero-mass token is never it
            int index = Math.min(Double.isNaN(target) ? 0 : firstReaching(cdf, target), vocab - 1);
            tokens[r] = index;
            chosen[r] = logps[base + index];
        }
        return new Draw(tokens, chosen);
    }

    /** The first index of non-decreasing {@code cdf} whose value is >= {@code target}, or its length. */
    private static int firstReaching(double[] cdf, double target) {
        int lo = 0;
        int hi = cdf.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] < target) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Log-probabilities [B, V] of the distribution to draw from. */
    NDArray distribution(NDArray logits) {
        // per-request values are plain Number ops (safe without autograd), not cached constants, so a
        // temperature slider does not leave one tensor per value behind
        NDArray scaled = params.temperature() == 1.0 ? logits : logits.div(params.temperature());
        if (params.topK() > 0 && params.topK() < vocab) {
            NDArray kth = scaled.topK(params.topK(), 1, true, true).get(0)
                    .get(new NDIndex(":, {}:", params.topK() - 1));          // [B, 1], the k-th largest
            scaled = keepAtLeast(scaled, kth);                                // ties with the k-th are kept
        }
        if (params.topP() < 1.0) {
            scaled = keepAtLeast(scaled, nucleusThreshold(scaled));
        }
        return scaled.logSoftmax(1);
    }

    /**
     * The smallest logit [B, 1] of the nucleus: the fewest most-likely tokens whose mass reaches topP. A
     * token is in it when the mass of the tokens ranked above it is still below topP, so the first always is.
     */
    private NDArray nucleusThreshold(NDArray scaled) {
        NDArray sorted = scaled.sort(1).flip(1);                              // [B, V] descending
        NDArray probs = sorted.softmax(1);
        NDArray before = probs.cumSum(1).sub(probs);                          // mass ranked strictly above
        NDArray kept = before.lt(params.topP()).toType(DataType.INT64, false)
                .sum(new int[] {1}, true);                                    // [B, 1], >= 1
        return sorted.gather(kept.sub(1), 1);                                 // [B, 1]
    }

    private NDArray keepAtLeast(NDArray scaled, NDArray threshold) {
        return NDArrays.where(scaled.gte(threshold), scaled, constants.of(Double.NEGATIVE_INFINITY));
    }
}
