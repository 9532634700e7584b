package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.datasets.DatasetRow;
import dev.whetstone.app.datasets.SampleData;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The Datasets and Train panes of the real window, headless, on the golden tiny model. */
class DatasetsAndTrainPaneTest extends FxRobot {
    @TempDir
    Path tmp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        GoldenModel.copyTo(tmp.resolve("home/models/tiny-qwen3"));
        app = RunningApp.start(tmp.resolve("home"), tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    private void importFile(Path file) throws Exception {
        clickOn("#nav-datasets");
        interact(() -> lookup("#import-path").queryAs(javafx.scene.control.TextField.class).clear());
        clickOn("#import-path").write(file.toString());
        clickOn("#import-detect");
        waitUntil(() -> lookup("#import-confirm").query().isVisible());
        clickOn("#import-confirm");
        String saved = "saved to the library as " + file.getFileName();
        waitUntil(() -> lookup("#dataset-message").queryAs(Label.class).getText().contains(saved));
    }

    @SuppressWarnings("unchecked")
    private TableView<DatasetRow> table() {
        return lookup("#dataset-table").queryAs(TableView.class);
    }

    private static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void importingAFileWithOneBrokenLineListsItAndLoadsTheRest() throws Exception {
        importFile(SampleData.write(tmp.resolve("in/chat.jsonl"), SampleData.ROW_1, SampleData.BROKEN, SampleData.ROW_2));
        assertThat(table().getItems()).hasSize(3);
        assertThat(table().getItems().get(1).isBroken()).isTrue();
        assertThat(table().getItems().stream().filter(r -> !r.isBroken())).hasSize(2);
        assertThat(lookup("#dataset-message").queryAs(Label.class).getText()).contains("1 line could not be read");
        waitUntil(() -> lookup("#lint-findings").queryListView().getItems().size() > 0);
        assertThat(lookup("#lint-findings").queryListView().getItems().get(0).toString()).startsWith("row 2 · error");
    }

    @Test
    void anEditedRowIsUndone() throws Exception {
        importFile(SampleData.write(tmp.resolve("in/chat.jsonl"), SampleData.ROW_1, SampleData.ROW_2));
        clickOn("w1 w2 w3");
        TextArea reply = lookup("#turn-1").queryAs(TextArea.class);
        clickOn(reply);
        interact(() -> reply.setText("w4 w77"));
        clickOn("#row-apply");
        assertThat(table().getItems().get(0).reply()).isEqualTo("w4 w77");
        clickOn("#dataset-undo");
        assertThat(table().getItems().get(0).reply()).isEqualTo("w4 w5");
        assertThat(lookup("#turn-1").queryAs(TextArea.class).getText()).isEqualTo("w4 w5");
    }

    @Test
    void ctrlZUndoesOneEditOnceThoughEditIsInTheMenuToo() throws Exception {
        importFile(SampleData.write(tmp.resolve("in/chat.jsonl"), SampleData.ROW_1, SampleData.ROW_2));
        clickOn("#dataset-add");
        clickOn("#dataset-add");
        assertThat(table().getItems()).hasSize(4);
        clickOn("#dataset-table");
        push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z);
        assertThat(table().getItems()).as("one undo per Ctrl+Z").hasSize(3);
        clickOn("#nav-home");
        push(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z);   // Edit is off away from Datasets
        clickOn("#nav-datasets");
        assertThat(table().getItems()).hasSize(3);
    }

    @Test
    void theInspectorHighlightsTrainedTokensOnlyOnTheAssistantTurn() throws Exception {
        importFile(SampleData.write(tmp.resolve("in/chat.jsonl"), SampleData.ROW_1));
        waitUntil(() -> !lookup(".token-trained").queryAll().isEmpty() && lookup("#inspector-chips .token-chip").queryAll().size() > 5);
        String trained = lookup("#inspector-chips .token-trained").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(Collectors.joining());
        String masked = lookup("#inspector-chips .token-masked").queryAll().stream().map(n -> ((Label) n).getText())
                .collect(Collectors.joining());
        assertThat(trained).contains("w4").contains("w5").contains("<|im_end|>").doesNotContain("w1").doesNotContain("user");
        assertThat(masked).contains("w1").contains("w3").contains("user").doesNotContain("w4");
        Node eos = lookup("#inspector-chips .token-stop.token-trained").query();
        assertThat(((Label) eos).getText()).isEqualTo("<|im_end|>");
        assertThat(lookup("#inspector-summary").queryAs(Label.class).getText()).contains("tokens trained");
    }

    @Test
    void theWizardBlocksOnABlockingFindingAndReachesReviewOnCleanData() throws Exception {
        importFile(SampleData.write(tmp.resolve("in/bad.jsonl"), SampleData.ROW_1, SampleData.BROKEN, SampleData.ROW_2));
        importFile(SampleData.clean(tmp.resolve("in/clean.jsonl")));
        clickOn("#nav-train");
        clickOn("#wizard-next");
        clickOn("bad.jsonl");
        clickOn("#wizard-check");
        waitUntil(() -> !lookup("#wizard-findings").queryListView().getItems().isEmpty());
        clickOn("#wizard-next");
        assertThat(lookup("#wizard-problem").queryAs(Label.class).getText()).contains("blocking problems");
        assertThat(lookup("#wizard-step-data").query().getStyleClass()).contains("wizard-step-current");
        clickOn("clean.jsonl");
        clickOn("#wizard-check");
        waitUntil(() -> lookup("#wizard-data-summary").queryAs(Label.class).getText().contains("0 errors"));
        clickOn("#wizard-next");
        clickOn("#wizard-next");
        assertThat(lookup("#wizard-step-review").query().getStyleClass()).contains("wizard-step-current");
        assertThat(lookup("#wizard-run-card").queryAs(Label.class).getText()).contains("clean.jsonl").contains("Memory");
        assertThat(lookup("#wizard-start").query().isVisible()).isTrue();
    }
}
