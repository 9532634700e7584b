package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.RopeScaling;

/**
 * The inverse frequencies of rotary position embeddings, {@code inv_freq[i] = 1 / theta^(2i / headDim)}
 * for {@code i < headDim / 2}, optionally rescaled by Llama 3's scheme the way Hugging Face
 * transformers' {@code _compute_llama3_parameters} does it.
 *
 * <p>Precision: PyTorch builds {@code inv_freq} in float32
 * ({@code 1.0 / (base ** (arange(0, dim, 2).float() / dim))}). {@link #inverseFrequencies} computes every
 * step in double, so it is the exact value the float32 pipeline approximates; callers that upload it
 * as float32 round once at the end. {@link #inverseFrequenciesLikeTorch} instead rounds to float32
 * after every step as PyTorch does, for when golden tests show that the last bit matters.
 *
 * <p>Example: {@code RopeFrequencies.inverseFrequencies(128, 1e6, null)} → 64 values, the first 1.0.
 */
public final class RopeFrequencies {

    private RopeFrequencies() {
    }

    /** Unscaled inverse frequencies, {@code [headDim / 2]}. */
    public static double[] inverseFrequencies(int headDim, double ropeTheta) {
        return inverseFrequencies(headDim, ropeTheta, null);
    }

    /**
     * Inverse frequencies, {@code [headDim / 2]}, computed in double.
     *
     * @param scaling Llama 3 scaling, or {@code null} for none
     */
    public static double[] inverseFrequencies(int headDim, double ropeTheta, RopeScaling scaling) {
        checkArguments(headDim, ropeTheta);
        double[] inv = new double[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1.0 / Math.pow(ropeTheta, (2.0 * i) / headDim);
            if (scaling != null) {
                inv[i] = llama3(inv[i], scaling);
            }
        }
        return inv;
    }

    /**
     * Inverse frequencies, {@code [headDim / 2]}, rounded to float32 after each step as PyTorch's float32
     * tensors are (the exponent, the power, the reciprocal, and each llama3 step).
     */
    public static float[] inverseFrequenciesLikeTorch(int headDim, double ropeTheta, RopeScaling scaling) {
        checkArguments(headDim, ropeTheta);
        float[] inv = new float[headDim / 2];
        for (int i = 0; i < inv.length; i++) {
            float exponent = (float) (2 * i) / (float) headDim;
            float power = (float) Math.pow(ropeTheta, exponent);
            inv[i] = 1.0f / power; // torch: power.reciprocal() * 1.0
            if (scaling != null) {
                inv[i] = llama3(inv[i], scaling);
            }
        }
        return inv;
    }

    /** One frequency through Llama 3's three bands: high kept, low divided by factor, medium blended. */
    private static double llama3(double invFreq, RopeScaling s) {
        double original = s.originalMaxPositionEmbeddings();
        double lowFreqWavelen = original / s.lowFreqFactor();
        double highFreqWavelen = original / s.highFreqFactor();
        double wavelen = 2 * Math.PI / invFreq;
        if (wavelen > lowFreqWavelen) {
            return invFreq / s.factor();
        }
        if (wavelen < highFreqWavelen) {
            return invFreq;
        }
        double smooth = (original / wavelen - s.lowFreqFactor()) / (s.highFreqFactor() - s.lowFreqFactor());
        return (1 - smooth) * invFreq / s.factor() + smooth * invFreq;
    }

    /**
     * {@link #llama3(double, RopeScaling)} with float32 rounding after each tensor op, as torch does.
     * {@code scalar / tensor} in torch is {@code tensor.reciprocal() * scalar}, hence the two roundings.
     */
    private static float llama3(float invFreq, RopeScaling s) {
        double original = s.originalMaxPositionEmbeddings();
        double lowFreqWavelen = original / s.lowFreqFactor();
        double highFreqWavelen = original / s.highFreqFactor();
        float wavelen = (1.0f / invFreq) * (float) (2 * Math.PI);
        if (wavelen > lowFreqWavelen) {
            return invFreq / (float) s.factor();
        }
        if (wavelen < highFreqWavelen) {
            return invFreq;
        }
        float ratio = (1.0f / wavelen) * (float) original;
        float smooth = (ratio - (float) s.lowFreqFactor()) / (float) (s.highFreqFactor() - s.lowFreqFactor());
        float scaled = (1 - smooth) * invFreq / (float) s.factor();
        return scaled + smooth * invFreq;
    }

    private static void checkArguments(int headDim, double ropeTheta) {
        if (headDim <= 0 || headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim must be even and > 0, was " + headDim);
        }
        if (!(ropeTheta > 1) || Double.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("ropeTheta must be > 1 and finite, was " + ropeTheta);
        }
    }
}
