package dev.whetstone.engine.local;

/**
 * What a training client's model holds on its device between steps, by owner: the numbers behind the
 * memory estimate (the Models pane's, and the bench's). Activations exist only during a step and are not
 * counted; on CUDA, libtorch's caching allocator may hold more than this (see BENCHMARKS.md, "GPU").
 *
 * <p>Example: {@code ((LocalTrainingClient) training).heldMemory().join().totalBytes()}.
 *
 * @param tensors         NDArrays alive on the model (every owner's, views included): constant from step to
 *                        step, so a leak shows here
 * @param baseWeightBytes the frozen base weights (float16 matrices on CUDA, float32 on the CPU)
 * @param trainableBytes  what this client trains: the LoRA factors, or the full float32 copy of the weights
 * @param gradientBytes   their gradients (allocated by the first backward, kept and zeroed in place after)
 * @param optimizerBytes  AdamW's two moments (allocated by the first step or a restore)
 */
public record HeldMemory(int tensors, long baseWeightBytes, long trainableBytes, long gradientBytes,
                         long optimizerBytes) {

    /** Bytes of every owner together. */
    public long totalBytes() {
        return baseWeightBytes + trainableBytes + gradientBytes + optimizerBytes;
    }
}
