package dev.whetstone.app.wizard;

import atlantafx.base.theme.Styles;
import dev.whetstone.engine.run.TrainingConfig;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.converter.DoubleStringConverter;

/**
 * The Method page's settings of DPO and GRPO, each shown only when its method is chosen, and the checkpoint to start
 * from (any method).
 */
final class MethodPanes {
    private final MethodSettings m;

    MethodPanes(MethodSettings m) {
        this.m = m;
    }

    /** What each method is, as the method choice lists it. */
    static String describe(TrainingConfig.Objective objective) {
        return switch (objective) {
            case SFT -> "SFT: learn the replies of a chat dataset";
            case DPO -> "DPO: prefer the chosen reply of each pair to the rejected one";
            case GRPO -> "GRPO: sample answers, score them with a reward, reinforce the better ones";
        };
    }

    Node panes() {
        return new VBox(8, dpo(), grpo(), start());
    }

    private Node dpo() {
        GridPane grid = grid();
        row(grid, 0, "β (closeness to the reference)", doubleField(m.beta(), "wizard-beta"));
        ComboBox<String> loss = new ComboBox<>();
        loss.setId("wizard-dpo-loss");
        loss.getItems().setAll("sigmoid", "ipo");
        loss.valueProperty().bindBidirectional(m.dpoLoss());
        row(grid, 1, "Loss", loss);
        row(grid, 2, "Held-out pairs (optional)", textField(m.heldoutFile(), "wizard-dpo-heldout", "the validation split"));
        Label note = muted("The reference is the model the run starts from; each pair's reply tokens are compared. "
                + "Review shows the first pair's chosen and rejected tokens.");
        return shownFor(TrainingConfig.Objective.DPO, new VBox(6, grid, note));
    }

    private Node grpo() {
        GridPane grid = grid();
        row(grid, 0, "Reward (built-in)", textField(m.reward(), "wizard-reward", MethodSettings.DEFAULT_REWARD));
        row(grid, 1, "or reward program", textField(m.rewardCommand(), "wizard-reward-command", "python3 reward.py"));
        row(grid, 2, "Completions per prompt", intSpinner(m.groupSize(), 2, 256, "wizard-group-size"));
        row(grid, 3, "Longest completion (tokens)", intSpinner(m.maxTokens(), 1, 8192, "wizard-max-tokens"));
        row(grid, 4, "Temperature", doubleField(m.temperature(), "wizard-temperature"));
        row(grid, 5, "Held-out prompts (optional)", textField(m.heldoutFile(), "wizard-grpo-heldout", "the validation split"));
        Label note = muted("Built-ins: exact-match:FIELD, numeric:FIELD, regex:PATTERN, json, length:MIN-MAX. A program reads one "
                + "JSON line per completion (the row's fields and \"completion\") and writes one number per line. Review can try it.");
        return shownFor(TrainingConfig.Objective.GRPO, new VBox(6, grid, note));
    }

    private Node start() {
        GridPane grid = grid();
        row(grid, 0, "Start from checkpoint (optional)", textField(m.fromCheckpoint(), "wizard-from-checkpoint",
                "tinker://RUN/weights/NAME — e.g. an SFT run's final"));
        return grid;
    }

    private Node shownFor(TrainingConfig.Objective objective, Node pane) {
        pane.visibleProperty().bind(m.objective().isEqualTo(objective));
        pane.managedProperty().bind(pane.visibleProperty());
        return pane;
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        return grid;
    }

    private static void row(GridPane grid, int row, String label, Node field) {
        grid.add(new Label(label), 0, row);
        grid.add(field, 1, row);
    }

    private static Label muted(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        return label;
    }

    private static TextField textField(StringProperty property, String id, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefColumnCount(28);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    private static TextField doubleField(DoubleProperty property, String id) {
        TextField field = new TextField();
        field.setId(id);
        field.setPrefColumnCount(8);
        TextFormatter<Double> formatter = new TextFormatter<>(new DoubleStringConverter(), property.get());
        field.setTextFormatter(formatter);
        formatter.valueProperty().addListener((obs, old, now) -> property.set(now == null ? 0 : now));
        property.addListener((obs, old, now) -> formatter.setValue(now.doubleValue()));
        return field;
    }

    private static Spinner<Integer> intSpinner(IntegerProperty property, int min, int max, String id) {
        Spinner<Integer> spinner = new Spinner<>(min, max, Math.max(min, property.get()), 1);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(120);
        spinner.valueProperty().addListener((obs, old, now) -> property.set(now));
        property.addListener((obs, old, now) -> spinner.getValueFactory().setValue(now.intValue()));
        return spinner;
    }
}
