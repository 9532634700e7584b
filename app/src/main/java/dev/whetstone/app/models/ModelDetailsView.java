package dev.whetstone.app.models;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.util.function.IntConsumer;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** The selected model's facts and the LoRA memory estimate with its rank, batch and length settings. */
final class ModelDetailsView extends ScrollPane {

    ModelDetailsView(ModelDetailsViewModel model) {
        Label title = new Label();
        title.setId("model-title");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(model.title());
        Label folder = muted(model.folder());
        Label problem = new Label();
        problem.setId("model-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add(Styles.DANGER);
        problem.textProperty().bind(model.problem());
        problem.visibleProperty().bind(model.problem().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        GridPane facts = grid();
        row(facts, 0, "Architecture", value("model-architecture", model.architecture()));
        row(facts, 1, "Parameters", value("model-parameters", model.parameters()));
        row(facts, 2, "Context length", value("model-context", model.contextLength()));
        row(facts, 3, "Layers", value("model-layers", model.layers()));

        Label estimateTitle = new Label("Memory for LoRA training");
        estimateTitle.getStyleClass().add(Styles.TITLE_4);
        LoraSettings start = model.settings();
        GridPane settings = grid();
        row(settings, 0, "LoRA rank", spinner("lora-rank", 1, LoraSettings.MAX_RANK, start.rank(), model::setRank));
        row(settings, 1, "Batch size", spinner("lora-batch", 1, LoraSettings.MAX_BATCH, start.batchSize(), model::setBatchSize));
        row(settings, 2, "Sequence length", spinner("lora-length", LoraSettings.MIN_LENGTH, LoraSettings.MAX_LENGTH,
                start.sequenceLength(), model::setSequenceLength));
        Label estimate = value("model-estimate", model.estimate());
        estimate.getStyleClass().add(Styles.TITLE_2);
        Tooltip formula = new Tooltip(LoraMemoryEstimate.FORMULA);
        formula.setWrapText(true);
        formula.setMaxWidth(420);
        estimate.setTooltip(formula);
        Label breakdown = muted(model.breakdown());
        breakdown.setTooltip(formula);
        Label formulaLine = new Label("Estimate = " + LoraMemoryEstimate.FORMULA);
        formulaLine.setWrapText(true);
        formulaLine.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        Label settingsProblem = new Label();
        settingsProblem.getStyleClass().add(Styles.DANGER);
        settingsProblem.textProperty().bind(model.settingsProblem());
        settingsProblem.managedProperty().bind(model.settingsProblem().isNotEmpty());

        VBox body = new VBox(10, title, folder, problem, facts, new Separator(), estimateTitle, settings, estimate,
                breakdown, settingsProblem, formulaLine);
        body.setPadding(new Insets(12, 16, 12, 16));
        setContent(body);
        setFitToWidth(true);
        getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        return grid;
    }

    private static void row(GridPane grid, int row, String name, javafx.scene.Node value) {
        Label label = new Label(name);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        label.setMinWidth(120);
        grid.addRow(row, label, value);
    }

    private static Label value(String id, ObservableStringValue text) {
        Label label = new Label();
        label.setId(id);
        label.textProperty().bind(text);
        return label;
    }

    private static Label muted(ObservableStringValue text) {
        Label label = new Label();
        label.setWrapText(true);
        label.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        label.textProperty().bind(text);
        return label;
    }

    private static Spinner<Integer> spinner(String id, int min, int max, int initial, IntConsumer onChange) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(130);
        spinner.valueProperty().addListener((obs, old, now) -> onChange.accept(now));
        return spinner;
    }
}
