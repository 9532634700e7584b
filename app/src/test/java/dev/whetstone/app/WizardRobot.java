package dev.whetstone.app;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import org.testfx.api.FxRobot;

/** Drives the real Train wizard by its controls: Model → Data → Method → Review → Start. */
public final class WizardRobot {
    private final FxRobot robot;

    public WizardRobot(FxRobot robot) {
        this.robot = robot;
    }

    /** Chooses {@code model} and {@code dataset} (list entries starting with these names), checks the data, goes to Method. */
    public WizardRobot modelAndData(String model, String dataset) throws Exception {
        robot.clickOn("#nav-train");
        robot.clickOn(cell("#wizard-models", model));
        robot.clickOn("#wizard-next");
        robot.clickOn(cell("#wizard-datasets", dataset));
        robot.clickOn("#wizard-check");
        Waits.until(() -> robot.lookup("#wizard-data-summary").queryAs(Label.class).getText().contains("0 errors"),
                () -> robot.lookup("#wizard-data-summary").queryAs(Label.class).getText());
        robot.clickOn("#wizard-next");
        return this;
    }

    /** With model and dataset already chosen (Home's "Fine-tune the starter"): Model → Data (checked) → Method. */
    public WizardRobot presetModelAndData() throws Exception {
        robot.clickOn("#wizard-next");
        Waits.until(() -> robot.lookup("#wizard-data-summary").queryAs(Label.class).getText().contains("0 errors"),
                () -> robot.lookup("#wizard-data-summary").queryAs(Label.class).getText());
        robot.clickOn("#wizard-next");
        return this;
    }

    /** On Method: epochs, batch size and learning rate. */
    public WizardRobot method(int epochs, int batchSize, double learningRate) {
        spinner("#wizard-epochs", epochs);
        spinner("#wizard-batch", batchSize);
        TextField lr = robot.lookup("#wizard-lr").queryAs(TextField.class);
        robot.interact(() -> {
            lr.setText(Double.toString(learningRate));
            lr.commitValue();
        });
        return this;
    }

    /** On Method (Advanced): a step count and the evaluation cadence. */
    public WizardRobot steps(int steps, int evalEvery) {
        robot.interact(() -> robot.lookup("#wizard-advanced").queryAs(javafx.scene.control.CheckBox.class).setSelected(true));
        spinner("#wizard-steps", steps);
        spinner("#wizard-eval", evalEvery);
        return this;
    }

    /** On Method's advanced settings: evaluate every {@code evalEvery} steps, checkpoint every {@code saveEvery}. */
    public WizardRobot cadence(int evalEvery, int saveEvery) {
        robot.clickOn("#wizard-advanced");
        spinner("#wizard-eval", evalEvery);
        spinner("#wizard-save", saveEvery);
        return this;
    }

    /** Method → Review → Start; returns the run id once the run has started. */
    public String start() throws Exception {
        robot.clickOn("#wizard-next");
        robot.clickOn("#wizard-start");
        Waits.until(() -> robot.lookup("#wizard-run-id").queryAs(Label.class).getText().startsWith("Run "),
                () -> robot.lookup("#wizard-problem").queryAs(Label.class).getText());
        return robot.lookup("#wizard-run-id").queryAs(Label.class).getText().substring("Run ".length());
    }

    /** The cell of {@code list} whose text starts with {@code startsWith}. */
    public Node cell(String list, String startsWith) {
        return robot.lookup(list + " .list-cell").match((Labeled cell) -> cell.getText() != null
                && cell.getText().startsWith(startsWith)).query();
    }

    @SuppressWarnings("unchecked")
    private void spinner(String id, int value) {
        Spinner<Integer> spinner = (Spinner<Integer>) (Spinner<?>) robot.lookup(id).query();
        robot.interact(() -> spinner.getValueFactory().setValue(value));
    }
}
