package dev.whetstone.app.runs;

/**
 * The points a chart draws for one series, already decimated: {@code x[i]} is a step, {@code y[i]} its value.
 * The arrays are owned by the plot; nobody writes to them after it is made.
 */
public record Plot(double[] x, double[] y) {
    /** A plot with no points. */
    public static final Plot EMPTY = new Plot(new double[0], new double[0]);

    public Plot {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must have the same length, were " + x.length + " and " + y.length);
        }
    }

    /** The number of points drawn. */
    public int size() {
        return x.length;
    }

    /** Whether {@code other} draws the same points (records compare arrays by identity). */
    public boolean sameAs(Plot other) {
        return java.util.Arrays.equals(x, other.x) && java.util.Arrays.equals(y, other.y);
    }
}
