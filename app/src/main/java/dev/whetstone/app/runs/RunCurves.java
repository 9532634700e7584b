package dev.whetstone.app.runs;

import java.util.List;

/**
 * The curves of one run's dashboard, fed metrics lines in order: train loss (raw and smoothed with an
 * exponential moving average, as TensorBoard's 0.9 slider), eval loss, learning rate, gradient norm and
 * tokens per second, all against step; held-out exact match, which has a few points and is not decimated; and the
 * metrics of a DPO or GRPO run ({@link MethodCharts}).
 *
 * <p>Example: {@code curves.addAll(lines); Charts c = curves.plot(600);}
 */
public final class RunCurves {
    /** The weight of the past in the smoothed loss. */
    static final double SMOOTHING = 0.9;

    private final Curve loss = new Curve();
    private final Curve smoothed = new Curve();
    private final Curve eval = new Curve();
    private final Curve lr = new Curve();
    private final Curve gradNorm = new Curve();
    private final Curve tokensPerS = new Curve();
    private final Curve exactMatch = new Curve();
    private final java.util.Map<String, Curve> method = new java.util.HashMap<>();

    /** The decimated plots of every curve, and every exact-match point. */
    public record Charts(Plot loss, Plot smoothedLoss, Plot evalLoss, Plot lr, Plot gradNorm, Plot tokensPerS,
                         Plot exactMatch, java.util.Map<String, Plot> method) {
        public static final Charts EMPTY =
                new Charts(Plot.EMPTY, Plot.EMPTY, Plot.EMPTY, Plot.EMPTY, Plot.EMPTY, Plot.EMPTY, Plot.EMPTY, java.util.Map.of());

        public Charts {
            method = java.util.Map.copyOf(method);
        }

        /** The plots without DPO or GRPO metrics. */
        public Charts(Plot loss, Plot smoothedLoss, Plot evalLoss, Plot lr, Plot gradNorm, Plot tokensPerS, Plot exactMatch) {
            this(loss, smoothedLoss, evalLoss, lr, gradNorm, tokensPerS, exactMatch, java.util.Map.of());
        }

        /** The plot of method metric {@code key} (DPO, GRPO), empty when the run has none. */
        public Plot method(String key) {
            return method.getOrDefault(key, Plot.EMPTY);
        }

        /** Points drawn over all series. */
        public int plottedPoints() {
            return loss.size() + smoothedLoss.size() + evalLoss.size() + lr.size() + gradNorm.size() + tokensPerS.size();
        }
    }

    /** Adds lines in journal order. */
    public void addAll(List<MetricLine> lines) {
        lines.forEach(this::add);
    }

    /** Adds one line: a step line extends the step curves, an eval line the eval curve. */
    public void add(MetricLine line) {
        double step = line.step();
        if (!Double.isNaN(line.evalLoss())) {
            eval.add(step, line.evalLoss());
        }
        if (!Double.isNaN(line.exactMatch())) {
            exactMatch.add(step, line.exactMatch());
        }
        line.methodMetrics().forEach((key, value) -> method.computeIfAbsent(key, k -> new Curve()).add(step, value));
        if (!line.isStep()) {
            return;
        }
        loss.add(step, line.loss());
        smoothed.truncateFrom(step);
        double previous = smoothed.lastY();
        double value = Double.isNaN(previous) ? line.loss()
                : Double.isFinite(line.loss()) ? SMOOTHING * previous + (1 - SMOOTHING) * line.loss() : previous;
        smoothed.add(step, value);
        lr.add(step, line.lr());
        gradNorm.add(step, line.gradNorm());
        tokensPerS.add(step, line.tokensPerS());
    }

    /** Train-loss points held (not decimated). */
    public int size() {
        return loss.size();
    }

    /** Every curve decimated to {@code buckets} min-max pairs. */
    public Charts plot(int buckets) {
        return new Charts(Decimation.minMax(loss, buckets), Decimation.minMax(smoothed, buckets),
                Decimation.minMax(eval, buckets), Decimation.minMax(lr, buckets), Decimation.minMax(gradNorm, buckets),
                Decimation.minMax(tokensPerS, buckets), exactMatchPlot(), methodPlots(buckets));
    }

    private java.util.Map<String, Plot> methodPlots(int buckets) {
        java.util.Map<String, Plot> plots = new java.util.HashMap<>();
        method.forEach((key, curve) -> plots.put(key, Decimation.minMax(curve, buckets)));
        return plots;
    }

    /** The train loss alone, decimated (a sparkline or an overlay). */
    public Plot lossPlot(int buckets) {
        return Decimation.minMax(smoothed.size() > 0 ? smoothed : loss, buckets);
    }

    /** Held-out exact match against step (step 0 is the base model), every point. */
    public Plot exactMatchPlot() {
        double[] x = new double[exactMatch.size()];
        double[] y = new double[exactMatch.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = exactMatch.x(i);
            y[i] = exactMatch.y(i);
        }
        return new Plot(x, y);
    }

    /** Forgets every point. */
    public void clear() {
        for (Curve c : List.of(loss, smoothed, eval, lr, gradNorm, tokensPerS, exactMatch)) {
            c.clear();
        }
        method.clear();
    }
}
