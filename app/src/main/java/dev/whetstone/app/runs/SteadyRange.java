package dev.whetstone.app.runs;

/**
 * An axis range that moves in round steps and only when the data leaves it (or fills less than a third of
 * it), so that a live chart's axes, whose relayout is the costly part of a chart update, stay put for most
 * updates. Ticks fall on 1, 2 or 5 times a power of ten, about five to the range.
 *
 * <p>Example: {@code SteadyRange.fit(SteadyRange.NONE, 0.3, 2.7)} is [0, 3] with ticks every 1.
 *
 * @param lower the lower bound
 * @param upper the upper bound, {@code > lower}
 * @param tick  the distance between ticks
 */
record SteadyRange(double lower, double upper, double tick) {
    /** No range yet: the first {@link #fit} makes one. */
    static final SteadyRange NONE = new SteadyRange(0, 1, 0.2);

    private static final int TICKS = 5;

    /** {@code current} if it still suits data from {@code min} to {@code max}, else a new round range around them. */
    static SteadyRange fit(SteadyRange current, double min, double max) {
        if (!Double.isFinite(min) || !Double.isFinite(max)) {
            return current;
        }
        boolean inside = current != NONE && min >= current.lower && max <= current.upper;
        if (inside && (max - min) * 3 >= current.upper - current.lower) {
            return current;
        }
        double span = max - min;
        if (span <= 0) {
            span = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
        }
        double tick = roundStep(span * 1.1 / TICKS);
        double lower = Math.floor(min / tick) * tick;
        double upper = Math.ceil(max / tick) * tick;
        if (upper <= lower) {
            upper = lower + tick;
        }
        return new SteadyRange(lower, upper, tick);
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double roundStep(double raw) {
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-9)) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
