package dev.whetstone.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.run.RunQueue;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The run queue in the real Runs pane, headless: it lists {@code queue.json} and Move up reorders it. */
class RunQueuePaneTest extends FxRobot {
    @TempDir
    Path tmp;
    private RunningApp app;

    @BeforeEach
    void start() throws Exception {
        Path home = tmp.resolve("home");
        Path data = TinyRun.dataset(home.resolve("data/chat.jsonl"));
        RunQueue queue = new RunQueue(home, 0);
        queue.add(TinyRun.config("queued-a", data, 3));
        queue.add(TinyRun.config("queued-b", data, 5));
        app = RunningApp.start(home, tmp.resolve("hub"));
    }

    @AfterEach
    void stop() throws Exception {
        app.close();
    }

    @Test
    void theQueueListShowsQueuedRunsAndMoveUpReordersThem() throws Exception {
        clickOn("#nav-runs");
        ListView<TrainingConfig> list = lookup("#queue-list").queryListView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().size() == 2);
        assertThat(lookup("#queue-list .list-cell").queryAll()).anySatisfy(cell ->
                assertThat(((javafx.scene.control.Labeled) cell).getText()).startsWith("queued-b\n").contains("chat.jsonl")
                        .endsWith("5 steps"));

        clickOn(lookup("#queue-list .list-cell").match((javafx.scene.control.Labeled cell) -> cell.getText() != null
                && cell.getText().startsWith("queued-b")).queryAs(javafx.scene.Node.class));
        clickOn("#queue-up");

        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> list.getItems().get(0).runId().equals("queued-b"));
        assertThat(list.getItems()).extracting(TrainingConfig::runId).containsExactly("queued-b", "queued-a");
        assertThat(new RunQueue(tmp.resolve("home"), 0).list()).extracting(TrainingConfig::runId)
                .containsExactly("queued-b", "queued-a");
        assertThat(list.getSelectionModel().getSelectedItem().runId()).isEqualTo("queued-b");
        assertThat(lookup("#queue-run").queryButton().isDisabled()).isFalse();
    }
}
