package dev.whetstone.app.datasets;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The lint panel: the summary, the findings (a click selects the row), and the token-length histogram
 * with the cutoff line.
 */
final class LintView extends VBox {

    LintView(LintViewModel model) {
        super(6);
        Label title = new Label("Lint");
        title.getStyleClass().add(Styles.TITLE_4);
        Button again = new Button("Check again");
        again.setId("lint-check");
        again.disableProperty().bind(model.running());
        again.setOnAction(e -> model.check());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(8, title, spacer, again);
        head.setAlignment(Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.setId("lint-summary");
        summary.setWrapText(true);
        summary.getStyleClass().add(Styles.TEXT_SMALL);
        summary.textProperty().bind(model.summary());
        ListView<LintFinding> findings = new ListView<>(model.findings());
        findings.setId("lint-findings");
        findings.setCellFactory(v -> new FindingCell());
        findings.setPlaceholder(new Label("No findings."));
        findings.setPrefHeight(150);
        VBox.setVgrow(findings, Priority.ALWAYS);
        findings.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.open(now);
            }
        });
        TokenHistogramView histogram = new TokenHistogramView();
        model.report().addListener((obs, old, now) -> histogram.show(now == null ? null : now.histogram()));
        Label chartTitle = new Label("Rows by token length (dashed: max length)");
        chartTitle.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        getChildren().addAll(head, summary, findings, chartTitle, histogram);
    }

    private static final class FindingCell extends ListCell<LintFinding> {
        @Override
        protected void updateItem(LintFinding item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("finding-error", "finding-warning");
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(item.toString());
            getStyleClass().add(item.blocking() ? "finding-error" : "finding-warning");
        }
    }
}
