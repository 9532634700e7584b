package dev.whetstone.app.runs;

import dev.whetstone.app.fx.CanvasColors;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A live run's chart: already decimated {@link Plot}s against step, drawn on a {@link Canvas}. Unlike a
 * {@code LineChart}, whose every point is laid out as a path element and whose axes lay their tick labels
 * out again on each update, a redraw here only records drawing commands, so updating it costs the FX
 * thread well under a millisecond (see BENCHMARKS.md, "FX thread during a live run"). The axes hold
 * {@link SteadyRange}s; non-finite values leave a gap. Its colours come from the theme ({@link CanvasColors}).
 *
 * <p>Example: {@code LiveChart loss = new LiveChart("Loss", "train", "smoothed"); loss.show(0, plot);}
 */
public final class LiveChart extends Region implements CanvasColors.Owner {
    private static final Font FONT = Font.font(11);
    private static final double LEFT = 56;
    private static final double BOTTOM = 30;
    private static final double TOP = 6;
    private static final double RIGHT = 28;   // room for half the last step label

    private final Label title;
    private final HBox legend = new HBox(10);
    private final Canvas canvas = new Canvas();
    private final Plot[] plots;
    private final CanvasColors colors = new CanvasColors(this, this::redraw);
    private SteadyRange xRange = SteadyRange.NONE;
    private SteadyRange yRange = SteadyRange.NONE;

    /** A chart titled {@code title} with one series per name (a legend when there are several). */
    public LiveChart(String title, String... seriesNames) {
        this.title = new Label(title);
        this.title.getStyleClass().add("live-chart-title");
        plots = new Plot[seriesNames.length];
        Arrays.fill(plots, Plot.EMPTY);
        for (int i = 0; i < seriesNames.length; i++) {
            Rectangle mark = new Rectangle(10, 3);
            mark.fillProperty().bind(colors.property(SERIES[i % SERIES.length]));
            Label name = new Label(seriesNames[i], mark);
            name.setFont(FONT);
            legend.getChildren().add(name);
        }
        legend.setVisible(seriesNames.length > 1);
        legend.setManaged(seriesNames.length > 1);
        getStyleClass().add("live-chart");
        getChildren().addAll(this.title, legend, canvas);
    }

    private static final CanvasColors.Role[] SERIES = {CanvasColors.Role.SERIES_0, CanvasColors.Role.SERIES_1,
        CanvasColors.Role.SERIES_2};

    @Override
    public CanvasColors canvasColors() {
        return colors;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CanvasColors.cssMetaData();
    }

    /** Replaces the points of series {@code index} and redraws. */
    public void show(int index, Plot plot) {
        plots[index] = plot;
        redraw();
    }

    /** Replaces the points of every series, in the order of their names, and redraws once. */
    public void show(Plot... all) {
        if (all.length != plots.length) {
            throw new IllegalArgumentException("one plot per series: " + plots.length + " series, " + all.length + " plots");
        }
        System.arraycopy(all, 0, plots, 0, plots.length);
        redraw();
    }

    /** The finite points series {@code index} draws (tests). */
    public int points(int index) {
        return (int) Arrays.stream(plots[index].y()).filter(Double::isFinite).count();
    }

    /** The finite points drawn over all series (tests). */
    public int plottedPoints() {
        int total = 0;
        for (int i = 0; i < plots.length; i++) {
            total += points(i);
        }
        return total;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double y = snappedTopInset();
        double titleH = title.prefHeight(w);
        title.resizeRelocate((w - title.prefWidth(-1)) / 2, y, title.prefWidth(-1), titleH);
        y += titleH;
        if (legend.isManaged()) {
            double legendH = legend.prefHeight(w);
            legend.resizeRelocate((w - legend.prefWidth(-1)) / 2, y, legend.prefWidth(-1), legendH);
            y += legendH;
        }
        double h = Math.max(0, getHeight() - y - snappedBottomInset());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        canvas.relocate(0, y);
        redraw();
    }

    @Override
    protected double computePrefWidth(double height) {
        return 300;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 200;
    }

    private void redraw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        double plotW = w - LEFT - RIGHT;
        double plotH = h - TOP - BOTTOM;
        if (plotW <= 10 || plotH <= 10) {
            return;
        }
        fitRanges();
        drawAxes(g, plotW, plotH);
        for (int s = 0; s < plots.length; s++) {
            drawSeries(g, plots[s], colors.series(s), plotW, plotH);
        }
    }

    private void fitRanges() {
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Plot plot : plots) {
            for (int i = 0; i < plot.size(); i++) {
                double y = plot.y()[i];
                if (Double.isFinite(y)) {
                    minX = Math.min(minX, plot.x()[i]);
                    maxX = Math.max(maxX, plot.x()[i]);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        xRange = SteadyRange.fit(xRange, minX, maxX);
        yRange = SteadyRange.fit(yRange, minY, maxY);
    }

    private void drawAxes(GraphicsContext g, double plotW, double plotH) {
        g.setFont(FONT);
        g.setLineWidth(1);
        g.setFill(colors.get(CanvasColors.Role.TEXT));
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double v = yRange.lower(); v <= yRange.upper() + yRange.tick() / 2; v += yRange.tick()) {
            double py = Math.round(TOP + plotH - (v - yRange.lower()) / (yRange.upper() - yRange.lower()) * plotH) + 0.5;
            g.setStroke(colors.get(CanvasColors.Role.GRID));
            g.strokeLine(LEFT, py, LEFT + plotW, py);
            g.fillText(label(v, yRange.tick()), LEFT - 6, py);
        }
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (double v = xRange.lower(); v <= xRange.upper() + xRange.tick() / 2; v += xRange.tick()) {
            double px = Math.round(LEFT + (v - xRange.lower()) / (xRange.upper() - xRange.lower()) * plotW) + 0.5;
            g.setStroke(colors.get(CanvasColors.Role.GRID));
            g.strokeLine(px, TOP, px, TOP + plotH);
            g.fillText(label(v, xRange.tick()), px, TOP + plotH + 4);
        }
        g.fillText("step", LEFT + plotW / 2, TOP + plotH + 16);
    }

    private void drawSeries(GraphicsContext g, Plot plot, Color color, double plotW, double plotH) {
        g.setStroke(color);
        g.setLineWidth(1.5);
        g.beginPath();
        boolean drawing = false;
        double sx = plotW / (xRange.upper() - xRange.lower());
        double sy = plotH / (yRange.upper() - yRange.lower());
        for (int i = 0; i < plot.size(); i++) {
            double y = plot.y()[i];
            if (!Double.isFinite(y)) {
                drawing = false;
                continue;
            }
            double px = LEFT + (plot.x()[i] - xRange.lower()) * sx;
            double py = TOP + plotH - (y - yRange.lower()) * sy;
            if (drawing) {
                g.lineTo(px, py);
            } else {
                g.moveTo(px, py);
                drawing = true;
            }
        }
        g.stroke();
    }

    /** A tick label with as many decimals as the tick needs: "0.25", "2000", "1e-04". */
    static String label(double value, double tick) {
        if (Math.abs(value) < tick * 1e-6) {
            return "0";
        }
        if (tick < 1e-3 || Math.abs(value) >= 1e6) {
            return String.format(Locale.ROOT, "%.1e", value);
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(tick) - 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
