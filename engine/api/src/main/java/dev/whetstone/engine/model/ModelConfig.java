package dev.whetstone.engine.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The shape of a decoder-only model, read from a Hugging Face {@code config.json}. Qwen3, Qwen2, Llama
 * and Mistral are one decoder with switches: {@code qkNorm} (Qwen3's RMSNorm on q and k per head),
 * {@code attentionBias} (biases on q/k/v, and on o unless Qwen2, see {@link #outputProjectionBias()}),
 * {@code ropeScaling} (Llama 3.1) and {@code tieWordEmbeddings} (the LM head reuses the embedding).
 * Sliding-window attention (Mistral v0.1, some Qwen2) is not modelled; it only matters past the window.
 *
 * <p>Letters used in shapes: V vocab, D hidden, I intermediate, H heads, K kv heads, hd head dim.
 *
 * <p>Example: {@code ModelConfig c = ModelConfig.read(dir.resolve("config.json")); c.kvGroups();}
 *
 * @param architecture          which decoder family
 * @param vocabSize             V, rows of {@code model.embed_tokens.weight [V, D]}
 * @param hiddenSize            D
 * @param intermediateSize      I, {@code gate_proj/up_proj [I, D]}, {@code down_proj [D, I]}
 * @param numLayers             decoder layers
 * @param numHeads              H, {@code q_proj [H*hd, D]}
 * @param numKvHeads            K, divides H; {@code k_proj/v_proj [K*hd, D]}
 * @param headDim               hd, even; {@code o_proj [D, H*hd]}
 * @param rmsNormEps            added to the mean square in every RMSNorm
 * @param ropeTheta             RoPE base
 * @param ropeScaling           Llama 3 frequency scaling, or {@code null} for none
 * @param maxPositionEmbeddings the longest context the model is meant for
 * @param tieWordEmbeddings     whether the LM head is {@code embed_tokens} (no {@code lm_head.weight})
 * @param attentionBias         whether q/k/v projections have biases
 * @param qkNorm                whether q and k get a per-head RMSNorm ({@code q_norm/k_norm [hd]})
 * @param bosTokenId            beginning-of-sequence token, or {@code null}
 * @param eosTokenIds           end-of-sequence tokens (possibly empty)
 * @param torchDtype            the dtype the weights were saved in, e.g. {@code "bfloat16"}; "float32" if unsaid
 */
public record ModelConfig(
        Architecture architecture,
        int vocabSize,
        int hiddenSize,
        int intermediateSize,
        int numLayers,
        int numHeads,
        int numKvHeads,
        int headDim,
        double rmsNormEps,
        double ropeTheta,
        RopeScaling ropeScaling,
        int maxPositionEmbeddings,
        boolean tieWordEmbeddings,
        boolean attentionBias,
        boolean qkNorm,
        Integer bosTokenId,
        List<Integer> eosTokenIds,
        String torchDtype) {

    public ModelConfig {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(torchDtype, "torchDtype");
        eosTokenIds = List.copyOf(eosTokenIds);
        positive("vocabSize", vocabSize);
        positive("hiddenSize", hiddenSize);
        positive("intermediateSize", intermediateSize);
        positive("numLayers", numLayers);
        positive("numHeads", numHeads);
        positive("numKvHeads", numKvHeads);
        positive("headDim", headDim);
        positive("maxPositionEmbeddings", maxPositionEmbeddings);
        if (numHeads % numKvHeads != 0) {
            throw new IllegalArgumentException(
                    "numKvHeads must divide numHeads, were " + numKvHeads + " and " + numHeads);
        }
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("headDim must be even for RoPE, was " + headDim);
        }
        if (!(rmsNormEps > 0) || !(ropeTheta > 1) || Double.isInfinite(ropeTheta)) {
            throw new IllegalArgumentException("need rmsNormEps > 0 and finite ropeTheta > 1, were "
                    + rmsNormEps + " and " + ropeTheta);
        }
    }

    /**
     * Reads and checks a {@code config.json}.
     *
     * @throws dev.whetstone.engine.ModelFormatException naming the file, field, value and fix
     */
    public static ModelConfig read(Path configJson) {
        return ModelConfigReader.read(configJson);
    }

    /** Query heads per kv head, H / K (1 without grouped-query attention). */
    public int kvGroups() {
        return numHeads / numKvHeads;
    }

    /** Whether {@code o_proj} has a bias: with attention bias, except Qwen2 (whose o_proj never has one). */
    public boolean outputProjectionBias() {
        return attentionBias && architecture != Architecture.QWEN2;
    }

    /** The number of weights: embeddings, every layer, the final norm and (if untied) the LM head. */
    public long parameterCount() {
        long d = hiddenSize;
        long qWidth = (long) numHeads * headDim;
        long kvWidth = (long) numKvHeads * headDim;
        long attention = d * qWidth + 2 * d * kvWidth + qWidth * d;
        if (attentionBias) {
            attention += qWidth + 2 * kvWidth + (outputProjectionBias() ? d : 0);
        }
        if (qkNorm) {
            attention += 2L * headDim;
        }
        long mlp = 3 * d * intermediateSize;
        long layer = attention + mlp + 2 * d;
        long embedding = (long) vocabSize * d;
        return embedding + (long) numLayers * layer + d + (tieWordEmbeddings ? 0 : embedding);
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
