package dev.whetstone.app.models;

import dev.whetstone.engine.model.ModelConfig;

/**
 * A rough estimate of the memory LoRA training needs (±50%; the real peak depends on the device's
 * allocator and on how long the longest batch is):
 *
 * <pre>
 * total       = weights + lora + activations
 * weights     = parameterCount × bytes per weight (4 for float32 on the CPU, 2 for float16 on CUDA)
 * lora        = LoRA parameters × 16 bytes (float32 weight 4 + gradient 4 + Adam m and v 8)
 * LoRA params = R × Σ (in + out) over q, k, v, o, gate, up, down of every layer, plus R × (D + V) for the head
 * activations = B × (L × (T × (10·D + 4·I) + 2·H·T²) + 2·T·V) × 4 bytes
 *               (per layer and token: norms, q/k/v/o and residuals ≈ 10·D, the MLP ≈ 4·I; attention
 *               scores and probabilities 2·H·T²; logits and log-probabilities 2·T·V)
 * </pre>
 *
 * <p>Example: {@code LoraMemoryEstimate.of(config, LoraSettings.defaults(), 4).totalBytes()}
 *
 * @param weightBytes     the frozen base weights
 * @param loraParameters  trainable LoRA parameters
 * @param loraBytes       LoRA weights, gradients and Adam state
 * @param activationBytes activations kept for the backward pass
 */
public record LoraMemoryEstimate(long weightBytes, long loraParameters, long loraBytes, long activationBytes) {

    /** The formula above in one line, for tooltips. */
    public static final String FORMULA = "weights (parameters × 4 bytes on CPU, × 2 on CUDA)"
            + " + LoRA parameters × 16 bytes (weight 4 + gradient 4 + Adam 8)"
            + " + activations B × (L × (T × (10·D + 4·I) + 2·H·T²) + 2·T·V) × 4 bytes. Rough: ±50%.";

    /** The estimate for training {@code config} with {@code settings}, base weights stored in {@code bytesPerWeight}. */
    public static LoraMemoryEstimate of(ModelConfig config, LoraSettings settings, int bytesPerWeight) {
        if (bytesPerWeight != 2 && bytesPerWeight != 4) {
            throw new IllegalArgumentException("bytesPerWeight must be 2 or 4, was " + bytesPerWeight);
        }
        long loraParameters = loraParameters(config, settings.rank());
        long d = config.hiddenSize();
        long t = settings.sequenceLength();
        long perLayer = t * (10 * d + 4L * config.intermediateSize()) + 2L * config.numHeads() * t * t;
        long perSequence = config.numLayers() * perLayer + 2 * t * config.vocabSize();
        return new LoraMemoryEstimate(config.parameterCount() * bytesPerWeight, loraParameters,
                loraParameters * 16, settings.batchSize() * perSequence * 4);
    }

    /** The sum of the three parts, in bytes. */
    public long totalBytes() {
        return weightBytes + loraBytes + activationBytes;
    }

    /** LoRA parameters at rank {@code rank}: every attention and MLP projection of every layer, and the head. */
    static long loraParameters(ModelConfig config, int rank) {
        long d = config.hiddenSize();
        long q = (long) config.numHeads() * config.headDim();
        long kv = (long) config.numKvHeads() * config.headDim();
        long i = config.intermediateSize();
        long attention = (d + q) + 2 * (d + kv) + (q + d);
        long mlp = 3 * (d + i);
        long head = d + config.vocabSize();
        return rank * (config.numLayers() * (attention + mlp) + head);
    }
}
