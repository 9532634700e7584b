package dev.whetstone.engine.preference;

import java.util.Locale;

/**
 * The preference losses offered, on h = (log π(chosen) − log π_ref(chosen)) − (log π(rejected) − log π_ref(rejected)),
 * the log-probabilities summed over each reply's tokens.
 */
public enum DpoVariant {
    /** DPO as published (Rafailov et al. 2023): {@code −log σ(β·h)}, the default. */
    SIGMOID,
    /** IPO (Azar et al. 2023): {@code (h − 1/(2β))²}, which stops pushing once the margin reaches its target. */
    IPO;

    /** {@code sigmoid} or {@code ipo}. */
    public static DpoVariant of(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "sigmoid" -> SIGMOID;
            case "ipo" -> IPO;
            default -> throw new IllegalArgumentException("the DPO loss must be sigmoid or ipo, was '" + name + "'");
        };
    }

    /** The name as configs and flags write it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
