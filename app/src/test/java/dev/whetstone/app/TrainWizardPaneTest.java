package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.resources.starter.StarterKit;
import dev.whetstone.resources.starter.StarterPreset;
import dev.whetstone.resources.starter.StarterSkill;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

/**
 * The Train wizard's controls in the real window: the starter preset shows in every control and an edit in
 * a control is what the run uses; Home's "Fine-tune the starter" lands on the starter, with its preset,
 * from whatever step the wizard was left on (a run started from it included); labels in words.
 */
class TrainWizardPaneTest extends FxRobot {
    @TempDir
    Path tmp;
    private RunningApp app;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        home = tmp.resolve("home");
        GoldenModel.copyTo(home.resolve("models/tiny-qwen3"));
        TinyRun.dataset(home.resolve("datasets/chat.jsonl"));
        app = RunningApp.start(home, tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void theStarterPresetShowsInEveryControlAndAnEditIsWhatTheRunUses() throws Exception {
        fineTuneTheStarter();
        assertThat(models().getSelectionModel().getSelectedItem().name()).isEqualTo(StarterKit.MODEL_NAME);
        assertThat(selectedCell("#wizard-models")).contains("Qwen3").doesNotContain("QWEN");

        clickOn("#wizard-next");
        assertThat(datasets().getSelectionModel().getSelectedItem())
                .isEqualTo(StarterKit.datasetFiles(home, StarterSkill.WORD_KIND).train());
        assertThat(selectedCell("#wizard-datasets")).isEqualTo("whetstone-starter/word-kind/train.jsonl");
        assertThat(spinnerText("#wizard-max-length")).isEqualTo(Integer.toString(StarterPreset.config("m", "d").maxLength()));
        assertThat(spinnerText("#wizard-validation")).isEqualTo("0");
        ComboBox<TrainOn> trainOn = lookup("#wizard-train-on").queryComboBox();
        assertThat(trainOn.getValue()).isEqualTo(TrainOn.ALL_ASSISTANT_MESSAGES);
        assertThat(lookup("#wizard-train-on .list-cell").queryAll()).as("the combo box shows the label")
                .anyMatch(cell -> "All assistant messages".equals(((javafx.scene.control.Labeled) cell).getText()));
        Waits.until(() -> text("#wizard-data-summary").contains("0 errors"), () -> text("#wizard-data-summary"));
        assertThat(text("#wizard-data-summary")).contains("read as chat messages").doesNotContain("(s)");

        clickOn("#wizard-next");
        assertThat(spinnerText("#wizard-rank")).isEqualTo("16");
        assertThat(lookup("#wizard-lr").queryAs(TextField.class).getText()).isEqualTo("0.005");
        assertThat(spinnerText("#wizard-epochs")).isEqualTo("1");
        assertThat(spinnerText("#wizard-batch")).isEqualTo(Integer.toString(StarterPreset.BATCH_SIZE));
        assertThat(spinnerText("#wizard-steps")).isEqualTo(Integer.toString(StarterPreset.STEPS));
        clickOn("#wizard-advanced");
        assertThat(spinnerText("#wizard-warmup")).isEqualTo("5");
        assertThat(spinnerText("#wizard-eval")).isEqualTo(Integer.toString(StarterPreset.EVAL_EVERY));
        assertThat(spinnerText("#wizard-save")).isEqualTo("0");
        assertThat(lookup("#wizard-seed").queryAs(TextField.class).getText()).isEqualTo("0");

        // typed into the field, as a person does: the run takes it, and nothing else changes
        retype(lookup("#wizard-steps .text-field").queryAs(TextField.class), "40");
        retype(lookup("#wizard-lr").queryAs(TextField.class), "2e-3");
        clickOn("#wizard-next");
        String card = text("#wizard-run-card");
        assertThat(card).contains("40 steps of batch 8").contains("lr 2.0e-03").contains("All assistant messages")
                .contains("max length 64 tokens").contains("(chat messages)").contains("(Qwen3)")
                .doesNotContain("ALL_").doesNotContain("QWEN").doesNotContain("1 epochs");
    }

    @Test
    void fineTuneTheStarterLandsOnTheStarterFromEveryStepARunStartedFromItIncluded() throws Exception {
        for (String leftOn : List.of("model", "data", "method", "review", "started")) {
            leaveTheWizardOn(leftOn);
            fineTuneTheStarter();
            assertThat(lookup("#wizard-step-model").query().getStyleClass()).as("left on " + leftOn).contains("wizard-step-current");
            assertThat(models().getSelectionModel().getSelectedItem().name()).as("left on " + leftOn).isEqualTo(StarterKit.MODEL_NAME);
            clickOn("#wizard-next");
            assertThat(datasets().getSelectionModel().getSelectedItem()).as("left on " + leftOn)
                    .isEqualTo(StarterKit.datasetFiles(home, StarterSkill.WORD_KIND).train());
            assertThat(spinnerText("#wizard-max-length")).as("left on " + leftOn).isEqualTo("64");
            assertThat(spinnerText("#wizard-validation")).as("left on " + leftOn).isEqualTo("0");
            Waits.until(() -> text("#wizard-data-summary").contains("0 errors"), () -> text("#wizard-data-summary"));
            clickOn("#wizard-next");
            assertThat(lookup("#wizard-problem").queryAs(Label.class).getText()).as("left on " + leftOn).isEmpty();
            assertThat(spinnerText("#wizard-rank")).as("left on " + leftOn).isEqualTo("16");
            assertThat(spinnerText("#wizard-steps")).as("left on " + leftOn).isEqualTo("100");
            clickOn("#wizard-next");
            assertThat(text("#wizard-run-card")).as("left on " + leftOn).contains("100 steps of batch 8");
        }
    }

    /** Leaves the wizard on {@code step} with the tiny model, another dataset and edited settings. */
    private void leaveTheWizardOn(String step) throws Exception {
        clickOn("#nav-train");
        if (!lookup("#wizard-step-model").query().getStyleClass().contains("wizard-step-current")) {
            clickOn(lookup("#wizard-new-run").tryQuery().filter(n -> n.isVisible()).isPresent() ? "#wizard-new-run" : "#wizard-back");
            while (!lookup("#wizard-step-model").query().getStyleClass().contains("wizard-step-current")) {
                clickOn("#wizard-back");
            }
        }
        WizardRobot wizard = new WizardRobot(this);
        Waits.until(() -> lookup("#wizard-models .list-cell").queryAll().stream()
                .anyMatch(c -> c.isVisible() && String.valueOf(((javafx.scene.control.Labeled) c).getText()).startsWith("tiny-qwen3")),
                () -> "models " + models().getItems() + ", cells " + lookup("#wizard-models .list-cell").queryAll().stream()
                        .map(c -> ((javafx.scene.control.Labeled) c).getText()).toList());
        clickOn(wizard.cell("#wizard-models", "tiny-qwen3"));
        if (step.equals("model")) {
            return;
        }
        clickOn("#wizard-next");
        interact(() -> datasets().scrollTo(home.resolve("datasets/chat.jsonl")));
        clickOn(wizard.cell("#wizard-datasets", "chat.jsonl"));
        retype(lookup("#wizard-max-length .text-field").queryAs(TextField.class), "128");
        clickOn("#wizard-check");
        Waits.until(() -> text("#wizard-data-summary").contains("0 errors"), () -> text("#wizard-data-summary"));
        if (step.equals("data")) {
            return;
        }
        clickOn("#wizard-next");
        retype(lookup("#wizard-rank .text-field").queryAs(TextField.class), "4");
        retype(lookup("#wizard-steps .text-field").queryAs(TextField.class), "3");
        if (step.equals("method")) {
            return;
        }
        clickOn("#wizard-next");
        if (step.equals("review")) {
            return;
        }
        clickOn("#wizard-start");
        Waits.until(() -> text("#wizard-run-headline").startsWith("The run is done"),
                () -> text("#wizard-run-headline") + " | " + text("#wizard-run-progress") + " | " + text("#wizard-problem"));
        assertThat(text("#wizard-run-progress")).startsWith("Run completed after 3 steps");
    }

    private void fineTuneTheStarter() throws Exception {
        clickOn("#nav-home");
        clickOn("#home-starter");
        Waits.until(() -> lookup("#pane-train").tryQuery().map(n -> n.getScene() != null).orElse(false)
                && lookup("#wizard-step-model").query().getStyleClass().contains("wizard-step-current")
                && models().getSelectionModel().getSelectedItem() != null
                && models().getSelectionModel().getSelectedItem().name().equals(StarterKit.MODEL_NAME),
                () -> "the wizard did not open on the starter");
    }

    private void retype(TextField field, String value) {
        clickOn(field);
        push(KeyCode.CONTROL, KeyCode.A);
        write(value);
        push(KeyCode.ENTER);
    }

    private ListView<ModelEntry> models() {
        return lookup("#wizard-models").queryListView();
    }

    private ListView<Path> datasets() {
        return lookup("#wizard-datasets").queryListView();
    }

    @SuppressWarnings("unchecked")
    private String spinnerText(String id) {
        return ((Spinner<Integer>) (Spinner<?>) lookup(id).query()).getEditor().getText();
    }

    private String selectedCell(String list) {
        return lookup(list + " .list-cell").match((javafx.scene.control.ListCell<?> c) -> c.isSelected()).queryLabeled().getText();
    }

    private String text(String query) {
        return lookup(query).queryLabeled().getText();
    }
}
