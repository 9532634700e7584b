package dev.whetstone.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A built-in loss function of {@code forwardBackward}, named as on Tinker's wire.
 *
 * <p>All are summed over tokens and datums, never averaged: {@code training.forwardBackward(data, LossFn.CROSS_ENTROPY)}.
 */
public enum LossFn {
    /** {@code loss = Σ -logp · w}; inputs {@code target_tokens}, {@code weights}. */
    CROSS_ENTROPY("cross_entropy"),
    /** {@code loss = -Σ exp(logp - q) · A}; inputs {@code target_tokens}, {@code logprobs}, {@code advantages}. */
    IMPORTANCE_SAMPLING("importance_sampling"),
    /** Clipped ratio objective; config {@code clip_low_threshold}, {@code clip_high_threshold}. */
    PPO("ppo"),
    /** Clipped, stop-gradient ratio times {@code logp · A}; config as {@link #PPO}. */
    CISPO("cispo"),
    /** Direct reward optimization; config {@code beta}. */
    DRO("dro");

    private final String wireName;

    LossFn(String wireName) {
        this.wireName = wireName;
    }

    /** Tinker's name of this loss: {@code LossFn.PPO.wireName()} is {@code "ppo"}. */
    public String wireName() {
        return wireName;
    }

    /** The loss with Tinker's name {@code name}: {@code LossFn.fromWireName("cross_entropy")}. */
    public static LossFn fromWireName(String name) {
        for (LossFn fn : values()) {
            if (fn.wireName.equals(name)) {
                return fn;
            }
        }
        throw new IllegalArgumentException("unknown loss function '" + name + "'; allowed: "
                + Arrays.stream(values()).map(LossFn::wireName).collect(Collectors.joining(", ")));
    }
}
