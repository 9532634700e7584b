package dev.whetstone.engine.model;

/**
 * Rotary-embedding frequency scaling from {@code config.json}'s {@code rope_scaling}. Only Llama 3.1's
 * {@code "llama3"} scheme is supported; a config without scaling (or with {@code "default"}) has
 * {@code null} scaling in {@link ModelConfig}.
 *
 * <p>Example: {@code RopeScaling.llama3(8.0, 1.0, 4.0, 8192)} (Llama 3.1 8B).
 *
 * @param type                          the scheme; always {@link #LLAMA3}
 * @param factor                        how much the low frequencies are divided by, > 0
 * @param lowFreqFactor                 wavelengths above {@code original / lowFreqFactor} are fully scaled
 * @param highFreqFactor                wavelengths below {@code original / highFreqFactor} are untouched;
 *                                      must be > lowFreqFactor
 * @param originalMaxPositionEmbeddings the context length the model was pre-trained with, > 0
 */
public record RopeScaling(
        String type,
        double factor,
        double lowFreqFactor,
        double highFreqFactor,
        int originalMaxPositionEmbeddings) {

    /** The one supported scheme. */
    public static final String LLAMA3 = "llama3";

    public RopeScaling {
        if (!LLAMA3.equals(type)) {
            throw new IllegalArgumentException("rope scaling type must be '" + LLAMA3 + "', was " + type);
        }
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("factor must be > 0, was " + factor);
        }
        if (!(lowFreqFactor > 0) || !(highFreqFactor > lowFreqFactor) || Double.isInfinite(highFreqFactor)) {
            throw new IllegalArgumentException("need 0 < lowFreqFactor < highFreqFactor, was "
                    + lowFreqFactor + " and " + highFreqFactor);
        }
        if (originalMaxPositionEmbeddings <= 0) {
            throw new IllegalArgumentException(
                    "originalMaxPositionEmbeddings must be > 0, was " + originalMaxPositionEmbeddings);
        }
    }

    /** Llama 3 scaling with the given parameters. */
    public static RopeScaling llama3(
            double factor, double lowFreqFactor, double highFreqFactor, int originalMaxPositionEmbeddings) {
        return new RopeScaling(LLAMA3, factor, lowFreqFactor, highFreqFactor, originalMaxPositionEmbeddings);
    }
}
