package dev.whetstone.engine.loss;

import dev.whetstone.engine.LossFn;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What each Tinker loss takes: its per-token float inputs (besides {@code target_tokens}), which of them
 * may be omitted, whether {@code (N,K)} targets are allowed, and its {@code lossFnConfig} keys with defaults.
 *
 * @param floatInputs      per-token float inputs, in the order the loss reads them
 * @param optionalInputs   the subset of {@code floatInputs} that may be absent
 * @param multiTarget      whether {@code (N,K)} targets are accepted
 * @param configDefaults   config keys and their defaults (NaN = required)
 */
public record LossSpec(List<String> floatInputs, Set<String> optionalInputs, boolean multiTarget,
                       Map<String, Double> configDefaults) {

    /** The spec of a built-in loss (TINKER.md §3). */
    public static LossSpec of(LossFn lossFn) {
        return switch (lossFn) {
            case CROSS_ENTROPY -> new LossSpec(List.of("weights"), Set.of(), true, Map.of());
            case IMPORTANCE_SAMPLING -> new LossSpec(List.of("logprobs", "advantages"), Set.of(), true, Map.of());
            case PPO -> new LossSpec(List.of("logprobs", "advantages", "clip_low_threshold", "clip_high_threshold"),
                    Set.of("clip_low_threshold", "clip_high_threshold"), false,
                    Map.of("clip_low_threshold", 0.8, "clip_high_threshold", 1.2));
            case CISPO -> new LossSpec(List.of("logprobs", "advantages", "clip_low_threshold", "clip_high_threshold"),
                    Set.of("clip_low_threshold", "clip_high_threshold"), false,
                    Map.of("clip_low_threshold", 0.0, "clip_high_threshold", 4.0));
            case DRO -> new LossSpec(List.of("logprobs", "advantages"), Set.of(), false, Map.of("beta", Double.NaN));
        };
    }

    /** Every key allowed in a datum's {@code lossFnInputs}. */
    public Set<String> allowedInputs() {
        java.util.Set<String> keys = new java.util.TreeSet<>(floatInputs);
        keys.add("target_tokens");
        return keys;
    }
}
