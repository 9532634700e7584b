package dev.whetstone.app.playground;

import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Streamed tokens as a heatmap, one row of chips per sample: white for a sure token, deepening red as its
 * logprob falls to {@code e^-6}; hovering a chip shows the token, its id and logprob.
 */
final class TokenHeatmap extends VBox {
    private final ObservableList<TokenPiece> tokens;

    TokenHeatmap(ObservableList<TokenPiece> tokens) {
        super(10);
        this.tokens = tokens;
        getStyleClass().add("token-heatmap");
        tokens.addListener((ListChangeListener<TokenPiece>) change -> {
            while (change.next()) {
                if (change.wasRemoved() && tokens.isEmpty()) {
                    getChildren().clear();
                }
                change.getAddedSubList().forEach(this::add);
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
        Tooltip tip = new Tooltip(piece.describe());
        tip.setShowDelay(Duration.millis(100));
        chip.setTooltip(tip);
        ((FlowPane) getChildren().get(piece.sequence())).getChildren().add(chip);
    }

    /** Chips shown (tests). */
    int chips() {
        return getChildren().stream().mapToInt(r -> ((FlowPane) r).getChildren().size()).sum();
    }
}
