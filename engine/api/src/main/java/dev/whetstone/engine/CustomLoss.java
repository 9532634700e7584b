package dev.whetstone.engine;

import ai.djl.ndarray.NDArray;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link CustomLossFn} returns: a scalar loss the engine differentiates, and metrics merged into
 * the {@link ForwardBackwardOutput}.
 *
 * <p>{@code return new CustomLoss(loss, Map.of("kl:mean", kl));}
 *
 * @param loss    a scalar {@code NDArray} computed from the logprobs handed to the loss function
 * @param metrics extra metrics, keys {@code name:reduction} (see {@link MetricKey}); copied
 */
public record CustomLoss(NDArray loss, Map<String, Double> metrics) {

    public CustomLoss {
        Objects.requireNonNull(loss, "loss");
        metrics = MetricKey.copyOfValid(metrics);
    }

    /** A loss with no extra metrics: {@code new CustomLoss(logprobs.get(0).sum().neg())}. */
    public CustomLoss(NDArray loss) {
        this(loss, Map.of());
    }
}
