package dev.whetstone.engine.wire.client;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.whetstone.engine.CustomLoss;
import dev.whetstone.engine.CustomLossFn;
import dev.whetstone.engine.Datum;
import dev.whetstone.engine.ForwardBackwardOutput;
import dev.whetstone.engine.TensorData;
import dev.whetstone.engine.WorkbenchException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tinker's {@code forward_backward_custom} on the client, as the SDK does it (TINKER.md §3.7): the caller's loss on
 * the forward pass's target logprobs is differentiated here with DJL (the caller's own engine), and
 * {@code weights = -dLoss/dlogprobs} go to the server in a cross-entropy forward_backward.
 */
final class CustomLossGradients {
    private CustomLossGradients() {
    }

    /** The caller's loss value, its metrics, and the datums carrying {@code -dLoss/dlogprobs} as weights. */
    record Surrogate(double loss, Map<String, Double> metrics, List<Datum> data) {
    }

    static Surrogate of(List<Datum> data, List<Datum> weighted, ForwardBackwardOutput forward, CustomLossFn lossFn) {
        NDManager manager;
        try {
            manager = NDManager.newBaseManager(Engine.getInstance().getEngineName());
        } catch (RuntimeException | Error e) {
            throw new WorkbenchException("forwardBackwardCustom differentiates your loss on this machine and needs DJL's PyTorch "
                    + "engine on the class path (whetstone-engine-local or ai.djl.pytorch:pytorch-engine): " + e.getMessage(), e);
        }
        try (manager) {
            List<NDArray> logprobs = new ArrayList<>();
            for (Map<String, TensorData> out : forward.lossFnOutputs()) {
                TensorData lp = out.get("logprobs");
                NDArray array = manager.create(lp.floats(), new Shape(lp.shape()));
                array.setRequiresGradient(true);
                logprobs.add(array);
            }
            double value;
            Map<String, Double> metrics;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                CustomLoss loss = lossFn.apply(data, List.copyOf(logprobs));
                if (loss == null || loss.loss().getShape().size() != 1) {
                    throw new WorkbenchException("the custom loss must return a CustomLoss with a scalar NDArray, was "
                            + (loss == null ? "null" : "shape " + loss.loss().getShape()));
                }
                value = loss.loss().toType(DataType.FLOAT64, false).getDouble();
                metrics = loss.metrics();
                NDArray zero = manager.create(0f);   // an array, not mul(Number): it must outlive backward (DJL-NOTES §2)
                NDArray total = loss.loss();
                for (NDArray lp : logprobs) {
                    total = total.add(lp.sum().mul(zero));   // every datum in the graph: unread ones get zero gradients
                }
                collector.backward(total);
            }
            List<Datum> surrogate = new ArrayList<>(weighted.size());
            for (int i = 0; i < weighted.size(); i++) {
                float[] g = logprobs.get(i).getGradient().toFloatArray();
                for (int c = 0; c < g.length; c++) {
                    g[c] = -g[c];
                }
                Map<String, TensorData> inputs = new HashMap<>(weighted.get(i).lossFnInputs());
                inputs.put("weights", TensorData.ofFloats(g, weighted.get(i).input("target_tokens").shape()));
                surrogate.add(new Datum(weighted.get(i).modelInput(), inputs));
            }
            return new Surrogate(value, metrics, surrogate);
        }
    }
}
