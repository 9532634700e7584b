package dev.whetstone.app.playground;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.collections.MapChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Streamed tokens as a heatmap, one row of chips per sample: white for a sure token, deepening red as its
 * logprob falls to {@code e^-6}; hovering a chip shows the token, its id and logprob, and (once the sample
 * has ended and they are computed) the model's top alternatives at that position.
 */
final class TokenHeatmap extends VBox {
    private final SampleSide side;
    private final Map<Long, Tooltip> tips = new HashMap<>();

    TokenHeatmap(SampleSide side) {
        super(10);
        this.side = side;
        getStyleClass().add("token-heatmap");
        ObservableList<TokenPiece> tokens = side.tokens();
        tokens.addListener((ListChangeListener<TokenPiece>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && tokens.isEmpty()) {
                    getChildren().clear();
                    tips.clear();
                }
                change.getAddedSubList().forEach(this::add);
            }
        });
        side.alternatives().addListener((MapChangeListener<Long, List<TokenChoice>>) change -> {
            Tooltip tip = tips.get(change.getKey());
            if (tip != null && change.wasAdded()) {
                tip.setText(((TokenPiece) tip.getUserData()).describe(change.getValueAdded()));
            }
        });
    }

    private void add(TokenPiece piece) {
        while (getChildren().size() <= piece.sequence()) {
            FlowPane row = new FlowPane(1, 2);
            row.getStyleClass().add("heatmap-sample");
            getChildren().add(row);
        }
        Label chip = new Label(piece.text().replace("\n", "⏎"));
        chip.getStyleClass().add("heatmap-token");
        int g = (int) Math.round(255 * (1 - 0.75 * piece.heat()));
        chip.setStyle(String.format("-fx-background-color: rgb(255,%d,%d); -fx-padding: 1 2 1 2;", g, g));
        Tooltip tip = new Tooltip(piece.describe(side.alternatives(piece)));
        tip.setUserData(piece);
        tip.setShowDelay(Duration.millis(100));
        tips.put(SampleSide.key(piece.sequence(), piece.position()), tip);
        chip.setTooltip(tip);
        ((FlowPane) getChildren().get(piece.sequence())).getChildren().add(chip);
    }

    /** Chips shown (tests). */
    int chips() {
        return getChildren().stream().mapToInt(r -> ((FlowPane) r).getChildren().size()).sum();
    }
}
