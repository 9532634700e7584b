package dev.whetstone.app.runs;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;

/**
 * A JavaFX {@link LineChart} of already decimated {@link Plot}s against step: no symbols, no animation,
 * at most {@code 2 * BUCKETS} points a series, so a 100,000-point run draws as fast as a short one.
 */
public final class PlotChart extends LineChart<Number, Number> {

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
        axis.setAutoRanging(true);
        axis.setMinorTickVisible(false);
        return axis;
    }

    /** Replaces the points of series {@code index}; NaN and infinite values are left out. */
    public void show(int index, Plot plot) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(plot.size());
        for (int i = 0; i < plot.size(); i++) {
            if (Double.isFinite(plot.y()[i])) {
                points.add(new XYChart.Data<>(plot.x()[i], plot.y()[i]));
            }
        }
        getData().get(index).getData().setAll(points);
    }

    /** Replaces every series with one per named plot (the overlay of several runs). */
    public void showAll(List<String> names, List<Plot> plots) {
        getData().clear();
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
