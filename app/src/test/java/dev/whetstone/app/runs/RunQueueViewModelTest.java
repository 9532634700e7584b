package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.TinyRun;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunQueue;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Runs pane's queue without a stage: real tiny runs started from the engine's {@code queue.json}. */
class RunQueueViewModelTest {
    @TempDir
    Path home;
    private ServiceClient service;
    private Path data;
    private final RunningRuns running = new RunningRuns();

    @BeforeEach
    void open() {
        service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
        data = TinyRun.dataset(home.resolve("data/chat.jsonl"));
    }

    @AfterEach
    void close() {
        service.close();
    }

    private RunQueueViewModel queue(long minFreeBytes) {
        return new RunQueueViewModel(InlineExecutor.background(), new RunQueue(home, minFreeBytes),
                new RunLauncher(service, home), running, new InlineExecutor());
    }

    private static List<String> ids(List<TrainingConfig> configs) {
        return configs.stream().map(TrainingConfig::runId).toList();
    }

    @Test
    void movesAndRemovesQueuedRunsInTheQueueFile() {
        RunQueueViewModel queue = queue(0);
        for (String id : List.of("a", "b", "c")) {
            assertThat(queue.add(TinyRun.config(id, data, 3)).join()).startsWith("Queued " + id);
        }

        queue.moveUp(queue.queued().get(2)).join();
        assertThat(ids(queue.queued())).containsExactly("a", "c", "b");
        queue.moveDown(queue.queued().get(0)).join();
        assertThat(ids(queue.queued())).containsExactly("c", "a", "b");
        queue.moveUp(queue.queued().get(0)).join();   // already first: stays
        queue.remove(queue.queued().get(1)).join();

        assertThat(ids(queue.queued())).containsExactly("c", "b");
        assertThat(ids(new RunQueue(home, 0).list())).containsExactly("c", "b");
        assertThat(queue.message().get()).isEqualTo("Removed a from the queue");
    }

    @Test
    void runQueueStartsEachRunInOrderPublishesItAndTakesItOffTheQueue() {
        RunQueueViewModel queue = queue(0);
        queue.add(TinyRun.config("first", data, 3)).join();
        queue.add(TinyRun.config("second", data, 3)).join();
        queue.moveUp(queue.queued().get(1)).join();
        List<List<String>> queuedWhenPublished = new ArrayList<>();
        running.onStarted(run -> queuedWhenPublished.add(ids(new RunQueue(home, 0).list())));

        queue.runAll().join();

        assertThat(running.all()).extracting(RunHandle::runId).containsExactly("second", "first");
        assertThat(queuedWhenPublished).containsExactly(List.of("first"), List.of());
        for (RunHandle run : running.all()) {
            assertThat(run.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(RunJournal.readConfig(run.dir()).runId()).isEqualTo(run.runId());
        }
        assertThat(queue.queued()).isEmpty();
        assertThat(new RunQueue(home, 0).list()).isEmpty();
        assertThat(queue.message().get()).isEqualTo("Queue done: 2 runs (completed, completed)");
        assertThat(queue.draining().get()).isFalse();
    }

    @Test
    void tooLittleFreeDiskRefusesToStartAndSaysWhy() {
        RunQueueViewModel queue = queue(Long.MAX_VALUE);
        queue.add(TinyRun.config("waits", data, 3)).join();

        queue.runAll().join();

        assertThat(running.all()).isEmpty();
        assertThat(queue.message().get()).contains("GiB free under").contains("the queue waits for")
                .contains("delete old checkpoints");
        assertThat(ids(queue.queued())).containsExactly("waits");
        assertThat(queue.draining().get()).isFalse();
    }
}
