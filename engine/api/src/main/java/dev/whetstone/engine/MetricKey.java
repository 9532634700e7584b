package dev.whetstone.engine;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rule for metric names: {@code "<name>:<reduction>"}, exactly one colon, a non-empty name and one of
 * Tinker's reductions ({@code sum}, {@code mean}, {@code min}, {@code max}, {@code slack},
 * {@code hash_unordered}, {@code unique}).
 *
 * <p>Tinker's client splits every key on {@code ':'} to merge chunked results, so a malformed key is refused
 * when it is made, not when it is merged: {@code MetricKey.requireValid("loss:sum")}.
 */
public final class MetricKey {

    /** The reductions Tinker's client knows how to merge. */
    public static final Set<String> REDUCTIONS =
            Set.of("sum", "mean", "min", "max", "slack", "hash_unordered", "unique");

    private MetricKey() {
    }

    /** Returns {@code key} if it is {@code name:reduction}, else throws: {@code MetricKey.requireValid("grad_norm:mean")}. */
    public static String requireValid(String key) {
        Objects.requireNonNull(key, "metric key");
        int colon = key.indexOf(':');
        if (colon < 0 || colon != key.lastIndexOf(':')) {
            throw new IllegalArgumentException("metric key must be 'name:reduction' with exactly one colon, was '"
                    + key + "'");
        }
        if (colon == 0) {
            throw new IllegalArgumentException("metric key must have a name before the colon, was '" + key + "'");
        }
        String reduction = key.substring(colon + 1);
        if (!REDUCTIONS.contains(reduction)) {
            throw new IllegalArgumentException("metric key '" + key + "' has reduction '" + reduction
                    + "'; allowed: sum, mean, min, max, slack, hash_unordered, unique");
        }
        return key;
    }

    /** An unmodifiable copy of {@code metrics} after checking every key and refusing null values. */
    static Map<String, Double> copyOfValid(Map<String, Double> metrics) {
        Objects.requireNonNull(metrics, "metrics");
        metrics.forEach((key, value) -> {
            requireValid(key);
            Objects.requireNonNull(value, () -> "metric '" + key + "' has a null value");
        });
        return Map.copyOf(metrics);
    }
}
