package dev.whetstone.app.wizard;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.datasets.InspectedRow;
import dev.whetstone.app.datasets.TokenChip;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * What the Review page shows of the data a DPO or GRPO run will train on: the first pair's chosen and rejected tokens
 * side by side (the reply's tokens marked: pushed up on the chosen side, down on the rejected one), or a dry run of
 * the reward on a few sampled completions.
 */
final class ReviewSamples {
    private final TrainWizardViewModel model;

    ReviewSamples(TrainWizardViewModel model) {
        this.model = model;
    }

    /** The DPO pair inspector, shown when the run is DPO. */
    Node pairs() {
        FlowPane chosen = chips("wizard-pair-chosen");
        FlowPane rejected = chips("wizard-pair-rejected");
        Label source = new Label();
        source.setId("wizard-pair-source");
        source.getStyleClass().add(Styles.TEXT_MUTED);
        model.pairPreview().addListener((obs, old, now) -> show(now, chosen, rejected, source));
        show(model.pairPreview().get(), chosen, rejected, source);
        HBox sides = new HBox(12, side("Chosen: its reply is pushed up", chosen), side("Rejected: its reply is pushed down", rejected));
        VBox box = new VBox(6, new Label("The first pair, as the model's chat template renders it"), sides, source);
        box.visibleProperty().bind(model.pairPreview().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    /** GRPO's reward dry run, shown when the run is GRPO. */
    Node rewardTrial() {
        Button run = new Button("Try the reward");
        run.setId("wizard-try-reward");
        run.disableProperty().bind(model.busy());
        run.setOnAction(e -> model.tryReward());
        Label status = new Label();
        status.setId("wizard-reward-status");
        status.setWrapText(true);
        status.textProperty().bind(model.rewardTryout().status());
        ListView<String> lines = new ListView<>(model.rewardTryout().lines());
        lines.setId("wizard-reward-samples");
        lines.setPrefHeight(150);
        lines.setPlaceholder(new Label("Samples a few completions from the starting weights and scores them, before the run."));
        VBox box = new VBox(6, new HBox(8, run, status), lines);
        box.visibleProperty().bind(model.review().map(r -> r.config().grpo() != null).orElse(false));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private static VBox side(String title, FlowPane chips) {
        ScrollPane scroll = new ScrollPane(chips);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(90);
        VBox box = new VBox(4, new Label(title), scroll);
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setPrefWidth(320);
        return box;
    }

    private static FlowPane chips(String id) {
        FlowPane pane = new FlowPane(2, 3);
        pane.setId(id);
        pane.setPadding(new Insets(6));
        return pane;
    }

    private static void show(PairPreview preview, FlowPane chosen, FlowPane rejected, Label source) {
        chosen.getChildren().clear();
        rejected.getChildren().clear();
        if (preview == null) {
            source.setText("");
            return;
        }
        fill(chosen, preview.chosen(), "token-chosen");
        fill(rejected, preview.rejected(), "token-rejected");
        source.setText(preview.source() + " · " + preview.chosen().trainedTokens() + " chosen and " + preview.rejected().trainedTokens()
                + " rejected reply tokens compared");
    }

    private static void fill(FlowPane pane, InspectedRow row, String trainedStyle) {
        for (TokenChip token : row.chips()) {
            Label chip = new Label(token.text());
            chip.getStyleClass().addAll("token-chip", token.cut() ? "token-cut" : token.trained() ? trainedStyle : "token-masked");
            if (token.stop()) {
                chip.getStyleClass().add("token-stop");
            }
            chip.setTooltip(new Tooltip("#" + token.index() + " · id " + token.id() + (token.trained() ? " · compared" : " · prompt")));
            pane.getChildren().add(chip);
        }
    }
}
