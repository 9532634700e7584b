package dev.whetstone.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A JavaFX {@link LineChart} of already decimated {@link Plot}s against step (the Runs pane's overlay of
 * several runs; a live run's dashboard draws on a canvas instead, {@link LiveChart}): no symbols, no
 * animation, at most {@code 2 * BUCKETS} points a series, so a 100,000-point run draws as fast as a short one. The
 * axes are not auto-ranged: they hold {@link SteadyRange}s, which move only when the data leaves them, so
 * that most live updates lay out the lines alone, not the axes and their tick labels.
 */
public final class PlotChart extends LineChart<Number, Number> {
    private SteadyRange xRange = SteadyRange.NONE;
    private SteadyRange yRange = SteadyRange.NONE;

    /** A chart titled {@code title} with one series per name. */
    public PlotChart(String title, String... seriesNames) {
        super(axis("step", false), axis(null, true));
        setTitle(title);
        setCreateSymbols(false);
        setAnimated(false);
        setLegendVisible(seriesNames.length > 1);
        getStyleClass().add("plot-chart");
        for (String name : seriesNames) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(name);
            getData().add(series);
        }
    }

    private static NumberAxis axis(String label, boolean y) {
        NumberAxis axis = new NumberAxis();
        axis.setLabel(label);
        axis.setForceZeroInRange(false);
        axis.setAnimated(false);
        axis.setAutoRanging(false);
        axis.setMinorTickVisible(false);
        return axis;
    }

    /**
     * Replaces the points of series {@code index}; NaN and infinite values are left out. The series' existing
     * points are moved rather than replaced, and only the difference in count is added or removed: a live
     * chart's update then costs one layout, not the removal and creation of every point.
     */
    public void show(int index, Plot plot) {
        javafx.collections.ObservableList<XYChart.Data<Number, Number>> shown = getData().get(index).getData();
        int finite = 0;
        for (int i = 0; i < plot.size(); i++) {
            if (Double.isFinite(plot.y()[i])) {
                finite++;
            }
        }
        if (shown.size() > finite) {
            shown.remove(finite, shown.size());
        }
        List<XYChart.Data<Number, Number>> added = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < plot.size(); i++) {
            double y = plot.y()[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            if (at < shown.size()) {
                XYChart.Data<Number, Number> point = shown.get(at);
                point.setXValue(plot.x()[i]);
                point.setYValue(y);
            } else {
                added.add(new XYChart.Data<>(plot.x()[i], y));
            }
            at++;
        }
        shown.addAll(added);
        fitAxes();
    }

    private void fitAxes() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (XYChart.Series<Number, Number> series : getData()) {
            for (XYChart.Data<Number, Number> point : series.getData()) {
                double x = point.getXValue().doubleValue();
                double y = point.getYValue().doubleValue();
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        xRange = apply((NumberAxis) getXAxis(), xRange, SteadyRange.fit(xRange, minX, maxX));
        yRange = apply((NumberAxis) getYAxis(), yRange, SteadyRange.fit(yRange, minY, maxY));
    }

    private static SteadyRange apply(NumberAxis axis, SteadyRange old, SteadyRange now) {
        if (!now.equals(old)) {
            axis.setLowerBound(now.lower());
            axis.setUpperBound(now.upper());
            axis.setTickUnit(now.tick());
        }
        return now;
    }

    /** Replaces every series with one per named plot (the overlay of several runs). */
    public void showAll(List<String> names, List<Plot> plots) {
        getData().clear();
        xRange = SteadyRange.NONE;
        yRange = SteadyRange.NONE;
        setLegendVisible(true);
        for (int i = 0; i < names.size(); i++) {
            XYChart.Series<Number, Number> series = new XYChart.Series<>();
            series.setName(names.get(i));
            getData().add(series);
            show(i, plots.get(i));
        }
    }

    /** Points drawn over all series (for the decimation test). */
    public int plottedPoints() {
        return getData().stream().mapToInt(s -> s.getData().size()).sum();
    }
}
