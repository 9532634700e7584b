package dev.whetstone.app.datasets;

import atlantafx.base.theme.Styles;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.engine.data.TrainOn;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The token inspector: model, max length and train-on choices, then the selected row's tokens as chips —
 * trained tokens highlighted, masked ones dimmed, EOS / end-of-turn marked, a scissors mark where the max
 * length cuts — and the counts. Hovering a chip shows its id and position.
 */
final class TokenInspectorView extends VBox {
    private final FlowPane chips = new FlowPane(2, 3);

    TokenInspectorView(TokenInspectorViewModel model, RenderSettingsViewModel settings) {
        super(8);
        setPadding(new Insets(0, 0, 4, 0));
        Label title = new Label("Token inspector");
        title.getStyleClass().add(Styles.TITLE_4);
        Label summary = new Label();
        summary.setId("inspector-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.message());
        chips.setId("inspector-chips");
        chips.setPadding(new Insets(6));
        ScrollPane scroll = new ScrollPane(chips);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("token-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(title, controls(settings), legend(), summary, scroll);
        model.row().addListener((obs, old, now) -> show(now));
    }

    private HBox controls(RenderSettingsViewModel settings) {
        ComboBox<ModelEntry> model = new ComboBox<>(settings.models());
        model.setId("inspector-model");
        model.setPromptText("Model");
        model.setButtonCell(new NameCell());
        model.setCellFactory(v -> new NameCell());
        model.valueProperty().bindBidirectional(settings.model());
        model.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(model, Priority.ALWAYS);
        Spinner<Integer> length = dev.whetstone.app.fx.BoundFields.intSpinner(settings.maxLength(), 2, RenderSettingsViewModel.MAX_LENGTH, 16);
        length.setId("inspector-max-length");
        length.setPrefWidth(100);
        length.setTooltip(new Tooltip("Max length in tokens: tokens past it are cut"));
        ComboBox<TrainOn> trainOn = new ComboBox<>();
        trainOn.setId("inspector-train-on");
        trainOn.getItems().setAll(TrainOn.values());
        trainOn.setConverter(dev.whetstone.app.fx.HumanNames.converter(dev.whetstone.app.fx.HumanNames::trainOn));
        trainOn.valueProperty().bindBidirectional(settings.trainOn());
        trainOn.setTooltip(new Tooltip("Which tokens carry loss"));
        HBox box = new HBox(6, model, length, trainOn);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static HBox legend() {
        HBox legend = new HBox(6, chip("trained", "token-trained"), chip("masked", "token-masked"),
                chip("EOS", "token-stop"), chip("cut", "token-cut"));
        legend.setAlignment(Pos.CENTER_LEFT);
        return legend;
    }

    private void show(InspectedRow row) {
        chips.getChildren().clear();
        if (row == null) {
            return;
        }
        for (TokenChip token : row.chips()) {
            if (token.index() == row.keptTokens()) {
                Label cut = new Label("✂ max length " + row.maxLength());
                cut.setId("inspector-cut");
                cut.getStyleClass().add("token-cut-mark");
                chips.getChildren().add(cut);
            }
            Label chip = chip(token.text(), token.cut() ? "token-cut" : token.trained() ? "token-trained" : "token-masked");
            if (token.stop()) {
                chip.getStyleClass().add("token-stop");
            }
            chip.setTooltip(new Tooltip("#" + token.index() + " · id " + token.id() + (token.trained() ? " · trained" : " · masked")
                    + (token.stop() ? " · end of turn" : "")));
            chips.getChildren().add(chip);
        }
        if (row.totalTokens() > row.chips().size()) {
            chips.getChildren().add(new Label("… " + (row.totalTokens() - row.chips().size()) + " more tokens"));
        }
    }

    private static Label chip(String text, String style) {
        Label chip = new Label(text);
        chip.getStyleClass().addAll("token-chip", style);
        return chip;
    }

    private static final class NameCell extends ListCell<ModelEntry> {
        @Override
        protected void updateItem(ModelEntry item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty || item == null ? null : item.name());
        }
    }
}
