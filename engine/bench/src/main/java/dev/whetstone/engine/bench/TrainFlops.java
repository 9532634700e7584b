package dev.whetstone.engine.bench;

/**
 * Model FLOPs of one LoRA train step (forward, backward, no optimizer), computed analytically; a
 * multiply-add counts 2. For B sequences of T tokens (N = B·T), rank R:
 *
 * <pre>
 *   base   = 2·N·P                       P = Σ in·out over the 7 projections × layers, + D·V (the head)
 *   attn   = layers · 4·B·H·T²·hd        q·kᵀ and p·v, the full T×T square (both contenders compute it)
 *   lora   = 2·N·R · Σ (in + out)        x·Aᵀ then ·Bᵀ, per adapted projection
 *   step   = 2·base + 3·attn + 3·lora
 * </pre>
 *
 * The base weights are frozen, so their backward is the input gradient only (as many FLOPs as their
 * forward) and no weight gradient; attention and LoRA need both input and weight gradients (twice
 * their forward). Norms, RoPE, softmax and the loss are elementwise and left out (under 1% here).
 */
public final class TrainFlops {
    private TrainFlops() {
    }

    /** FLOPs of one step on {@code batch} × {@code tokens} with LoRA rank {@code rank} on every projection. */
    public static double perStep(ModelShape shape, int batch, int tokens, int rank) {
        double n = (double) batch * tokens;
        double base = 2 * n * shape.matmulParameters();
        double attention = shape.layers() * 4.0 * batch * shape.heads() * (double) tokens * tokens * shape.headDim();
        double loraWidth = 0;
        for (long[] p : shape.projections()) {
            loraWidth += p[0] + p[1];
        }
        double lora = 2 * n * rank * loraWidth * shape.layers();
        return 2 * base + 3 * attention + 3 * lora;
    }
}
