package dev.whetstone.app.runs;

/**
 * Min-max decimation of a {@link Curve} to about a chart's pixel width: the points are cut into
 * {@code buckets} runs of equal count, and each run keeps its lowest and its highest point in step
 * order, so spikes survive and a chart never draws more than {@code 2 * buckets} points.
 *
 * <p>Example: {@code Plot plot = Decimation.minMax(loss, 600); plot.size() <= 1200}
 */
public final class Decimation {
    private Decimation() {
    }

    /** The points to draw for {@code curve}: all of them when there are at most {@code 2 * buckets}. */
    public static Plot minMax(Curve curve, int buckets) {
        if (buckets < 1) {
            throw new IllegalArgumentException("buckets must be >= 1, was " + buckets);
        }
        int n = curve.size();
        if (n <= 2 * buckets) {
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = curve.x(i);
                y[i] = curve.y(i);
            }
            return new Plot(x, y);
        }
        double[] x = new double[2 * buckets];
        double[] y = new double[2 * buckets];
        int out = 0;
        for (int b = 0; b < buckets; b++) {
            int from = (int) ((long) b * n / buckets);
            int to = (int) ((long) (b + 1) * n / buckets);
            int lo = -1;
            int hi = -1;
            for (int i = from; i < to; i++) {
                double v = curve.y(i);
                if (Double.isNaN(v)) {
                    continue;
                }
                if (lo < 0 || v < curve.y(lo)) {
                    lo = i;
                }
                if (hi < 0 || v > curve.y(hi)) {
                    hi = i;
                }
            }
            if (lo < 0) {
                continue;
            }
            int first = Math.min(lo, hi);
            int second = Math.max(lo, hi);
            x[out] = curve.x(first);
            y[out++] = curve.y(first);
            if (second != first) {
                x[out] = curve.x(second);
                y[out++] = curve.y(second);
            }
        }
        return new Plot(java.util.Arrays.copyOf(x, out), java.util.Arrays.copyOf(y, out));
    }
}
