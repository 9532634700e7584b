package dev.whetstone.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@code forward} or {@code forwardBackward}: per-datum output tensors and summed metrics.
 *
 * <p>Each datum's map holds {@code logprobs} (the learner's logprobs of its {@code target_tokens}, same
 * shape) and {@code elementwise_loss}; metrics always hold {@code loss:sum}:
 * {@code double loss = output.metrics().get("loss:sum");}
 *
 * @param lossFnOutputType name of the output record type on Tinker's wire (e.g. {@code "ArrayRecord"})
 * @param lossFnOutputs    one map per datum, in input order; copied
 * @param metrics          keys {@code name:reduction} (see {@link MetricKey}); copied
 */
public record ForwardBackwardOutput(String lossFnOutputType, List<Map<String, TensorData>> lossFnOutputs,
                                    Map<String, Double> metrics) {

    public ForwardBackwardOutput {
        Objects.requireNonNull(lossFnOutputType, "lossFnOutputType");
        Objects.requireNonNull(lossFnOutputs, "lossFnOutputs");
        List<Map<String, TensorData>> copies = new ArrayList<>(lossFnOutputs.size());
        for (int i = 0; i < lossFnOutputs.size(); i++) {
            Map<String, TensorData> perDatum = lossFnOutputs.get(i);
            Objects.requireNonNull(perDatum, "lossFnOutputs[" + i + "]");
            copies.add(Map.copyOf(perDatum));
        }
        lossFnOutputs = List.copyOf(copies);
        metrics = MetricKey.copyOfValid(metrics);
    }

    /** The summed loss, {@code metrics().get("loss:sum")}, or NaN if absent: {@code output.loss()}. */
    public double loss() {
        Double loss = metrics.get("loss:sum");
        return loss == null ? Double.NaN : loss;
    }
}
