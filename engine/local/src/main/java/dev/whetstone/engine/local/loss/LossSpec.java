package dev.whetstone.engine.local.loss;

import dev.whetstone.engine.LossFn;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each Tinker loss takes: its per-token float inputs (besides {@code target_tokens}), which of them
 * may be omitted or given once per datum, whether {@code (N,K)} targets are allowed, and its
 * {@code lossFnConfig} keys with defaults.
 *
 * @param floatInputs      per-token float inputs, in the order the loss reads them
 * @param optionalInputs   the subset of {@code floatInputs} that may be absent (the config value fills in)
 * @param perDatumInputs   the subset of {@code floatInputs} that may also be one value per datum, shape {@code (1,)}
 * @param multiTarget      whether {@code (N,K)} targets are accepted
 * @param configDefaults   config keys and their defaults (NaN = required)
 */
public record LossSpec(List<String> floatInputs, Set<String> optionalInputs, Set<String> perDatumInputs,
                       boolean multiTarget, Map<String, Double> configDefaults) {
    private static final List<String> RL_INPUTS = List.of("logprobs", "advantages");
    private static final List<String> CLIPPED_INPUTS =
            List.of("logprobs", "advantages", "clip_low_threshold", "clip_high_threshold");
    private static final Set<String> THRESHOLDS = Set.of("clip_low_threshold", "clip_high_threshold");

    public LossSpec {
        floatInputs = List.copyOf(floatInputs);
        optionalInputs = Set.copyOf(optionalInputs);
        perDatumInputs = Set.copyOf(perDatumInputs);
        configDefaults = Map.copyOf(configDefaults);
    }

    /** The spec of a built-in loss (TINKER.md §3). */
    public static LossSpec of(LossFn lossFn) {
        return switch (lossFn) {
            case CROSS_ENTROPY -> new LossSpec(List.of("weights"), Set.of(), Set.of(), true, Map.of());
            case IMPORTANCE_SAMPLING -> new LossSpec(RL_INPUTS, Set.of(), Set.of(), true, Map.of());
            case PPO -> new LossSpec(CLIPPED_INPUTS, THRESHOLDS, THRESHOLDS, false,
                    Map.of("clip_low_threshold", 0.8, "clip_high_threshold", 1.2));
            case CISPO -> new LossSpec(CLIPPED_INPUTS, THRESHOLDS, THRESHOLDS, false,
                    Map.of("clip_low_threshold", 0.0, "clip_high_threshold", 4.0));
            case DRO -> new LossSpec(RL_INPUTS, Set.of(), Set.of(), false, Map.of("beta", Double.NaN));
        };
    }

    /** Whether this loss clips the ratio {@code exp(logp - q)} (and so reports {@code clip_fraction:mean}). */
    public boolean clipsRatio() {
        return floatInputs.containsAll(THRESHOLDS);
    }

    /** Every key allowed in a datum's {@code lossFnInputs}. */
    public Set<String> allowedInputs() {
        Set<String> keys = new TreeSet<>(floatInputs);
        keys.add("target_tokens");
        return keys;
    }
}
