package dev.whetstone.engine.local.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import dev.whetstone.engine.LossFn;
import dev.whetstone.engine.local.tensor.ScalarConstants;
import java.util.Map;

/**
 * The per-token loss of a Tinker loss function, as a function of the learner's target logprobs
 * (TINKER.md §3). Every loss is summed over tokens and datums by the caller, never averaged.
 */
@FunctionalInterface
public interface TokenLoss {

    /**
     * Elementwise loss [c, K] from {@code logp} [c, K] and the per-token inputs (each [c, K]).
     *
     * @param config the resolved {@code lossFnConfig}
     */
    NDArray elementwise(NDArray logp, Map<String, NDArray> inputs, Map<String, Double> config, ScalarConstants constants);

    /** The implementation of a built-in loss. */
    static TokenLoss of(LossFn lossFn) {
        return switch (lossFn) {
            case CROSS_ENTROPY -> (logp, in, cfg, c) -> logp.mul(in.get("weights")).neg();
            case IMPORTANCE_SAMPLING -> (logp, in, cfg, c) -> ratio(logp, in).mul(in.get("advantages")).neg();
            case PPO -> (logp, in, cfg, c) -> {
                NDArray ratio = ratio(logp, in);
                NDArray advantages = in.get("advantages");
                NDArray clipped = clip(ratio, in);
                return NDArrays.minimum(ratio.mul(advantages), clipped.mul(advantages)).neg();
            };
            case CISPO -> (logp, in, cfg, c) -> clip(ratio(logp, in), in).stopGradient()
                    .mul(logp).mul(in.get("advantages")).neg();
            case DRO -> (logp, in, cfg, c) -> {
                NDArray gap = logp.sub(in.get("logprobs"));
                NDArray penalty = gap.mul(gap).mul(c.of(0.5 * cfg.get("beta")));
                return logp.mul(in.get("advantages")).sub(penalty).neg();
            };
        };
    }

    /** {@code exp(logp - q)}: the learner-to-sampler probability ratio. */
    private static NDArray ratio(NDArray logp, Map<String, NDArray> inputs) {
        return logp.sub(inputs.get("logprobs")).exp();
    }

    /** {@code clip(r, low, high)} with per-token thresholds (config values already filled in). */
    private static NDArray clip(NDArray ratio, Map<String, NDArray> inputs) {
        return NDArrays.maximum(NDArrays.minimum(ratio, inputs.get("clip_high_threshold")), inputs.get("clip_low_threshold"));
    }
}
