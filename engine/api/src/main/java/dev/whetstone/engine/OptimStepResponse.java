package dev.whetstone.engine;

import java.util.Map;

/**
 * The result of {@code optimStep}: metrics of the update, such as {@code grad_norm:mean} and
 * {@code learning_rate:mean}.
 *
 * <p>{@code double gradNorm = training.optimStep(AdamParams.defaults()).join().metrics().get("grad_norm:mean");}
 *
 * @param metrics keys {@code name:reduction} (see {@link MetricKey}); copied
 */
public record OptimStepResponse(Map<String, Double> metrics) {

    public OptimStepResponse {
        metrics = MetricKey.copyOfValid(metrics);
    }
}
