package dev.whetstone.engine.local.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.WorkbenchException;
import dev.whetstone.engine.spi.CustomLossInputs;
import dev.whetstone.engine.local.tensor.Autograd;
import dev.whetstone.engine.local.tensor.HostArrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tinker's {@code forward_backward_custom} (TINKER.md §3.7): the caller's loss is differentiated with
 * respect to the target logprobs, and {@code weights = -dLoss/dlogprobs} turn a cross-entropy backward
 * into the caller's gradient, since {@code d(Σ -logp·w)/dθ = Σ g · dlogp/dθ}.
 *
 * <p>Cost: one forward plus one forward-backward, about 1.5× the FLOPs of a plain {@code forwardBackward}.
 */
public final class CustomLossSurrogate {
    private CustomLossSurrogate() {
    }

    /** The caller's gradients as surrogate weights ([N·K]), the caller's loss value and the caller's metrics. */
    public record Gradients(float[] surrogateWeights, double loss, Map<String, Double> metrics) {
    }

    /** {@code data} with zero weights where a datum has none (only target_tokens and weights are allowed). */
    public static List<Datum> withZeroWeights(List<Datum> data) {
        return CustomLossInputs.withZeroWeights(data);
    }

    /**
     * Runs {@code lossFn} on per-datum logprob tensors that require gradients (on the device thread) and
     * returns {@code -dLoss/dlogprobs} in the batch layout.
     */
    public static Gradients userGradients(TokenBatch batch, float[] flatLogprobs, List<Datum> data, CustomLossFn lossFn,
                                          NDManager manager) {
        List<float[]> perDatumGrads = new ArrayList<>();
        Map<String, Double> metrics;
        double value;
        try (NDScope scope = new NDScope(); Autograd.Recording recording = Autograd.record()) {
            List<NDArray> logprobs = new ArrayList<>();
            for (int i = 0; i < batch.slices().size(); i++) {
                NDArray lp = HostArrays.floats(manager, batch.datumValues(i, flatLogprobs),
                        new Shape(batch.slices().get(i).outputShape()));
                lp.setRequiresGradient(true);
                logprobs.add(lp);
            }
            CustomLoss loss = lossFn.apply(data, List.copyOf(logprobs));
            if (loss == null || loss.loss().getShape().size() != 1) {
                throw new WorkbenchException("the custom loss must return a CustomLoss with a scalar NDArray, was "
                        + (loss == null ? "null" : "shape " + loss.loss().getShape()));
            }
            value = loss.loss().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
            Autograd.backward(anchored(loss.loss(), logprobs, manager));
            for (NDArray lp : logprobs) {
                float[] g = lp.getGradient().toFloatArray();
                for (int c = 0; c < g.length; c++) {
                    g[c] = -g[c];
                }
                perDatumGrads.add(g);
            }
            metrics = loss.metrics();
        }
        return new Gradients(batch.flatten(perDatumGrads), value, metrics);
    }

    /**
     * {@code loss + 0·Σ logprobs}: the same value and gradient, but every datum's logprobs are in the graph,
     * so a datum the loss never reads gets a zero gradient rather than an undefined one, and a loss that
     * reads none (a constant) still backpropagates (to zeros) instead of failing. DJL cannot tell which:
     * {@code hasGradient()} answers false for results of ops.
     */
    private static NDArray anchored(NDArray loss, List<NDArray> logprobs, NDManager manager) {
        NDArray zero = manager.create(0f);   // an array, not mul(Number): it must outlive backward (DJL-NOTES §2)
        NDArray total = loss;
        for (NDArray lp : logprobs) {
            total = total.add(lp.sum().mul(zero));
        }
        return total;
    }
}
