package dev.whetstone.engine.local.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** Global L2 gradient norm and clipping by it, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientNorm {
    private GradientNorm() {
    }

    /** {@code sqrt(Σ ||g||²)} over all gradients, accumulated in double. */
    public static double global(List<NDArray> grads) {
        double sumSquares = 0;
        for (NDArray g : grads) {
            double n = g.norm().getFloat();
            sumSquares += n * n;
        }
        return Math.sqrt(sumSquares);
    }

    /** Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1 (torch's rule). */
    public static void clip(List<NDArray> grads, double norm, double maxNorm) {
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1) {
            for (NDArray g : grads) {
                g.muli(coefficient);
            }
        }
    }
}
