package dev.whetstone.engine.local.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.local.tensor.HostArrays;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.model.FloatTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AdamW identical to {@code torch.optim.AdamW} (single-tensor path, amsgrad off): decoupled weight
 * decay, bias-corrected moments, {@code eps} added after the square root. Optionally clips the global
 * L2 norm of all gradients first, as {@code torch.nn.utils.clip_grad_norm_} does.
 *
 * <p>DJL's built-in {@code adamW} does not match torch (see DJL-NOTES.md §3), hence this class. It runs
 * on the device thread with grad mode off, updating parameters in place; moment tensors live on their
 * own child manager until the optimizer is reset or closed.
 */
public final class AdamW implements AutoCloseable {
    private static final NDIndex ALL = new NDIndex("...");
    private final NDManager parent;
    private final List<NDArray> exponentialAverages = new ArrayList<>();
    private final List<NDArray> squaredAverages = new ArrayList<>();
    private OwnedTensors moments;        // null before the first step or restore
    private long step;

    /** An optimizer whose moments live on a child of {@code parent} (the model's manager). */
    public AdamW(NDManager parent) {
        this.parent = parent;
    }

    /** What one update saw: the gradient norm before clipping. */
    public record StepResult(double gradNorm, long step) {
    }

    /**
     * One update of {@code params} from their accumulated gradients, which are then zeroed.
     * {@code hasGradients} false means no backward ran since the last step: gradients count as zero.
     */
    public StepResult step(List<NDArray> params, AdamParams hyper, boolean hasGradients) {
        ensureState(params);
        step++;
        double beta1 = hyper.beta1();
        double beta2 = hyper.beta2();
        double lr = hyper.learningRate();
        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / biasCorrection1;
        try (NDScope scope = new NDScope()) {
            List<NDArray> grads = new ArrayList<>(params.size());
            for (NDArray p : params) {
                grads.add(hasGradients ? p.getGradient() : p.zerosLike());
            }
            double norm = GradientNorm.global(grads);
            if (hyper.gradClipNorm() > 0) {
                GradientNorm.clip(grads, norm, hyper.gradClipNorm());
            }
            StepScalars k = new StepScalars(params.get(0).getManager());
            for (int i = 0; i < params.size(); i++) {
                NDArray p = params.get(i);
                NDArray g = grads.get(i);
                NDArray m = exponentialAverages.get(i);
                NDArray v = squaredAverages.get(i);
                if (hyper.weightDecay() != 0) {
                    p.muli(k.of(1 - lr * hyper.weightDecay()));
                }
                m.muli(k.of(beta1)).addi(g.mul(k.of(1 - beta1)));
                v.muli(k.of(beta2)).addi(g.mul(g).mul(k.of(1 - beta2)));
                NDArray denominator = v.sqrt().div(k.of(biasCorrection2Sqrt)).add(k.of(hyper.eps()));
                p.subi(m.div(denominator).mul(k.of(stepSize)));
                if (hasGradients) {
                    g.set(ALL, k.of(0));
                }
            }
            return new StepResult(norm, step);
        }
    }

    /**
     * One step's scalars as 0-d float64 tensors, each uploaded once per step, not once per parameter and op:
     * {@code mul(Number)} makes the same tensor anew every call, and on a GPU every such upload waits for the
     * device. Same values and types, so the same bits as {@code mul(Number)}. Inside the step's NDScope.
     */
    private static final class StepScalars {
        private final NDManager manager;
        private final Map<Double, NDArray> byValue = new HashMap<>();

        StepScalars(NDManager manager) {
            this.manager = manager;
        }

        NDArray of(double value) {
            return byValue.computeIfAbsent(value, v -> manager.create((double) v));
        }
    }

    /** Number of updates applied so far. */
    public long stepCount() {
        return step;
    }

    /** Whether moments exist (at least one step ran, or state was restored). */
    public boolean hasState() {
        return !exponentialAverages.isEmpty();
    }

    /** The first and second moments of parameter {@code i} (for checkpoints). */
    public NDArray[] moments(int i) {
        return new NDArray[] {exponentialAverages.get(i), squaredAverages.get(i)};
    }

    /** Replaces step counter and moments (restoring a checkpoint) with copies of host values, in parameter order. */
    public void restore(long stepCount, List<FloatTensor> firstMoments, List<FloatTensor> secondMoments) {
        close();
        moments = new OwnedTensors(parent, "AdamW moments");
        for (FloatTensor m : firstMoments) {
            exponentialAverages.add(moments.keep(HostArrays.floats(moments.manager(), m.data(), new Shape(m.shape()))));
        }
        for (FloatTensor v : secondMoments) {
            squaredAverages.add(moments.keep(HostArrays.floats(moments.manager(), v.data(), new Shape(v.shape()))));
        }
        this.step = stepCount;
    }

    /** Forgets moments and the step counter (Tinker's "optimizer reset"). */
    public void reset() {
        close();
    }

    private void ensureState(List<NDArray> params) {
        if (exponentialAverages.size() == params.size()) {
            return;
        }
        close();
        moments = new OwnedTensors(parent, "AdamW moments");
        for (NDArray p : params) {
            exponentialAverages.add(moments.keep(p.zerosLike()));
            squaredAverages.add(moments.keep(p.zerosLike()));
        }
    }

    /** Frees the moments and forgets the step counter. */
    @Override
    public void close() {
        if (moments != null) {
            moments.close();
            moments = null;
        }
        exponentialAverages.clear();
        squaredAverages.clear();
        step = 0;
    }
}
