package dev.whetstone.engine.bench;

import java.util.Arrays;

/**
 * A sample of durations in seconds: median, extremes and spread ((p90 − p10) / median, in percent).
 */
public record Timings(int count, double median, double min, double max, double spreadPercent) {

    /** Summarises {@code seconds} (at least one value). */
    public static Timings of(double[] seconds) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("need at least one duration");
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = quantile(sorted, 0.5);
        double spread = median > 0 ? 100 * (quantile(sorted, 0.9) - quantile(sorted, 0.1)) / median : 0;
        return new Timings(sorted.length, median, sorted[0], sorted[sorted.length - 1], spread);
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = (int) Math.ceil(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
