package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.TokenLengthHistogram;
import dev.whetstone.app.fx.CanvasColors;
import dev.whetstone.app.fx.CanvasColors.Role;
import java.util.List;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.text.TextAlignment;

/**
 * The token-length histogram: one bar per bin of rows by rendered length, bins past the cutoff in red,
 * and a dashed line at the cutoff (the max length). Drawn on a canvas that follows the region's size, in the
 * theme's colours ({@link CanvasColors}).
 */
final class TokenHistogramView extends Region implements CanvasColors.Owner {
    private final Canvas canvas = new Canvas();
    private final CanvasColors colors = new CanvasColors(this, this::draw);
    private TokenLengthHistogram histogram;

    TokenHistogramView() {
        setId("lint-histogram");
        getStyleClass().add("token-histogram");
        getChildren().add(canvas);
        setMinHeight(110);
        setPrefHeight(130);
    }

    @Override
    public CanvasColors canvasColors() {
        return colors;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return CanvasColors.cssMetaData();
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
            g.setFill(colors.get(bin.from() >= histogram.cutoff() ? Role.DANGER : Role.SERIES_0));
            g.fillRect(x0 + 1, chartH - barH, Math.max(1, x1 - x0 - 2), barH);
        }
        double cut = w * histogram.cutoff() / top;
        g.setStroke(colors.get(Role.DANGER));
        g.setLineWidth(1.5);
        g.setLineDashes(5, 4);
        g.strokeLine(cut, 0, cut, chartH);
        g.setLineDashes();
        g.setFill(colors.get(Role.TEXT));
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
