package dev.whetstone.engine.local.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;

/** Global L2 gradient norm and clipping by it, as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientNorm {
    private GradientNorm() {
    }

    /**
     * {@code sqrt(Σ ||g||²)} over all gradients, accumulated in double. The per-tensor norms are read in one
     * transfer: on a GPU each read waits for the device, and a LoRA on every projection of a 28-layer model
     * has 392 gradients. Run it inside the caller's NDScope.
     */
    public static double global(List<NDArray> grads) {
        if (grads.isEmpty()) {
            return 0;
        }
        NDList norms = new NDList(grads.size());
        for (NDArray g : grads) {
            norms.add(g.norm());                                                    // 0-d
        }
        double sumSquares = 0;
        for (float n : NDArrays.stack(norms).toFloatArray()) {                        // [P], one read
            sumSquares += (double) n * n;
        }
        return Math.sqrt(sumSquares);
    }

    /** Scales every gradient by {@code maxNorm / (norm + 1e-6)} when that is below 1 (torch's rule). */
    public static void clip(List<NDArray> grads, double norm, double maxNorm) {
        double coefficient = maxNorm / (norm + 1e-6);
        if (coefficient < 1 && !grads.isEmpty()) {
            try (NDArray c = grads.get(0).getManager().create(coefficient)) {   // one upload, as muli(Number) makes it
                for (NDArray g : grads) {
                    g.muli(c);
                }
            }
        }
    }
}
