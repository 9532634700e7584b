package dev.whetstone.engine.local.model;

import dev.whetstone.engine.model.Projection;
import ai.djl.ndarray.NDArray;

/**
 * The frozen weights of one decoder layer (H heads, K kv heads, hd head dim, D model dim, I MLP dim).
 *
 * <p>q/k/v and gate/up are stored fused ({@code qkv}, {@code gateUp}) so each group is one matmul; the
 * single projections are views of the fused tensors, sharing their memory.
 *
 * @param inputNorm [D]
 * @param q         [H·hd, D] (+ bias for Qwen2)
 * @param k         [K·hd, D]
 * @param v         [K·hd, D]
 * @param o         [D, H·hd]
 * @param qNorm     [hd] (Qwen3), or null
 * @param kNorm     [hd] (Qwen3), or null
 * @param postNorm  [D]
 * @param gate      [I, D]
 * @param up        [I, D]
 * @param down      [D, I]
 * @param qkv       [(H+2K)·hd, D]: q, k, v stacked
 * @param gateUp    [2I, D]: gate, up stacked
 * @param qkNorm    [H+K, hd]: qNorm for each query head, then kNorm for each kv head (Qwen3), or null
 */
public record LayerWeights(NDArray inputNorm, Linear q, Linear k, Linear v, Linear o, NDArray qNorm, NDArray kNorm,
                           NDArray postNorm, Linear gate, Linear up, Linear down, Linear qkv, Linear gateUp,
                           NDArray qkNorm) {

    /** The fused linear of {@code group}. */
    public Linear fused(ProjectionGroup group) {
        return group == ProjectionGroup.QKV ? qkv : gateUp;
    }

    /** The projection of {@code target} in this layer. */
    public Linear projection(Projection target) {
        return switch (target) {
            case Q -> q;
            case K -> k;
            case V -> v;
            case O -> o;
            case GATE -> gate;
            case UP -> up;
            case DOWN -> down;
            case LM_HEAD -> throw new IllegalArgumentException("lm_head is not a layer projection");
        };
    }
}
