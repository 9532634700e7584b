package dev.whetstone.app.runs;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Polyline;

/** A run in the history list: id, status, step n/N, last loss, and its loss sparkline. */
final class RunCell extends ListCell<RunRow> {
    private static final double SPARK_W = 90;
    private static final double SPARK_H = 24;

    @Override
    protected void updateItem(RunRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            return;
        }
        Label id = new Label(row.runId());
        id.getStyleClass().add(Styles.TEXT_BOLD);
        var s = row.summary();
        String loss = Double.isNaN(s.lastLoss()) ? "" : String.format(Locale.ROOT, " · loss %.3f", s.lastLoss());
        Label detail = new Label(dev.whetstone.app.fx.HumanNames.runStatus(s.status()) + " · " + s.step() + "/" + s.totalSteps() + loss);
        detail.getStyleClass().addAll(Styles.TEXT_SMALL, row.resumable() ? Styles.WARNING : Styles.TEXT_MUTED);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox box = new HBox(8, new VBox(2, id, detail), gap, sparkline(row.sparkline()));
        box.setAlignment(Pos.CENTER_LEFT);
        setGraphic(box);
    }

    static Polyline sparkline(Plot plot) {
        Polyline line = new Polyline();
        line.getStyleClass().add("sparkline");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double y : plot.y()) {
            if (Double.isFinite(y)) {
                min = Math.min(min, y);
                max = Math.max(max, y);
            }
        }
        int n = plot.size();
        for (int i = 0; i < n; i++) {
            double y = plot.y()[i];
            if (!Double.isFinite(y)) {
                continue;
            }
            double fx = n == 1 ? 0 : (double) i / (n - 1);
            double fy = max > min ? (y - min) / (max - min) : 0.5;
            line.getPoints().addAll(fx * SPARK_W, (1 - fy) * SPARK_H);
        }
        line.setStrokeWidth(1.5);
        line.setStyle("-fx-stroke: -color-accent-emphasis;");
        return line;
    }
}
