package dev.whetstone.app.runs;

import java.util.Arrays;

/**
 * One metric against step, as a growable pair of arrays (100,000 points are 1.6 MB, no boxing). A point
 * at or before the last step replaces the tail from that step on, which is what a rollback or a resume
 * from an earlier checkpoint means for the journal.
 *
 * <p>Example: {@code curve.add(1, 2.3); curve.add(2, 2.1); curve.size() == 2}
 */
public final class Curve {
    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private int size;

    /** Adds the point ({@code x}, {@code y}); drops every point at or after {@code x} first. NaN y is kept (a gap). */
    public void add(double x, double y) {
        if (size > 0 && x <= xs[size - 1]) {
            size = firstAtOrAfter(x);
        }
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Drops every point at or after {@code x}. */
    public void truncateFrom(double x) {
        size = firstAtOrAfter(x);
    }

    /** The number of points. */
    public int size() {
        return size;
    }

    public double x(int i) {
        return xs[i];
    }

    public double y(int i) {
        return ys[i];
    }

    /** The last y, or NaN when empty. */
    public double lastY() {
        return size == 0 ? Double.NaN : ys[size - 1];
    }

    /** Removes every point. */
    public void clear() {
        size = 0;
    }

    private int firstAtOrAfter(double x) {
        int found = Arrays.binarySearch(xs, 0, size, x);
        return found >= 0 ? found : -found - 1;
    }
}
