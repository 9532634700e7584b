package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.TokenLengthHistogram;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.TextAlignment;

/**
 * The token-length histogram: one bar per bin of rows by rendered length, bins past the cutoff in red,
 * and a dashed line at the cutoff (the max length). Drawn on a canvas that follows the region's size.
 */
final class TokenHistogramView extends Region {
    private static final Color BAR = Color.web("#0969da");
    private static final Color OVER = Color.web("#cf222e");
    private final Canvas canvas = new Canvas();
    private TokenLengthHistogram histogram;

    TokenHistogramView() {
        setId("lint-histogram");
        getChildren().add(canvas);
        setMinHeight(110);
        setPrefHeight(130);
    }

    void show(TokenLengthHistogram shown) {
        histogram = shown;
        draw();
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.clearRect(0, 0, w, h);
        if (histogram == null || histogram.rows() == 0 || w < 40) {
            return;
        }
        var bins = histogram.bins();
        int top = Math.max(histogram.longest() + 1, (int) Math.ceil(histogram.cutoff() * 1.1));
        long most = bins.stream().mapToLong(TokenLengthHistogram.Bin::rows).max().orElse(1);
        double chartH = h - 18;
        for (TokenLengthHistogram.Bin bin : bins) {
            if (bin.from() >= top) {
                continue;
            }
            double x0 = w * bin.from() / top;
            double x1 = w * Math.min(bin.to(), top) / top;
            double barH = chartH * bin.rows() / (double) Math.max(1, most);
            g.setFill(bin.from() >= histogram.cutoff() ? OVER : BAR);
            g.fillRect(x0 + 1, chartH - barH, Math.max(1, x1 - x0 - 2), barH);
        }
        double cut = w * histogram.cutoff() / top;
        g.setStroke(OVER);
        g.setLineWidth(1.5);
        g.setLineDashes(5, 4);
        g.strokeLine(cut, 0, cut, chartH);
        g.setLineDashes();
        g.setFill(Color.web("#57606a"));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText("0", 2, chartH + 3);
        g.setTextAlign(TextAlignment.RIGHT);
        g.fillText(top + " tokens", w - 2, chartH + 3);
        g.setTextAlign(cut > w - 120 ? TextAlignment.RIGHT : TextAlignment.LEFT);
        g.setTextBaseline(VPos.TOP);
        g.fillText(" max length " + histogram.cutoff() + " ", cut, 2);
    }
}
