package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The persistent run queue: order, survival across instances, draining, and the free-disk guard. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunQueueTest {
    @TempDir
    Path home;

    @Test
    void queuedRunsPersistCanBeReorderedAndRemoved() {
        RunQueue queue = new RunQueue(home, 0);
        queue.add(PatternData.config("a", 2));
        queue.add(PatternData.config("b", 2));
        TrainingConfig generated = queue.add(PatternData.config(null, 2));
        assertThat(generated.runId()).startsWith("sft-");
        queue.move("b", 0);
        assertThat(new RunQueue(home, 0).list()).extracting(TrainingConfig::runId).containsExactly("b", "a", generated.runId());
        assertThat(queue.remove("a")).isTrue();
        assertThat(queue.remove("a")).isFalse();
        assertThatThrownBy(() -> queue.add(PatternData.config("b", 2))).hasMessageContaining("already queued");
        assertThat(queue.list()).extracting(TrainingConfig::runId).containsExactly("b", generated.runId());
    }

    @Test
    void drainingRunsEachQueuedRunInOrder() {
        RunQueue queue = new RunQueue(home, 0);
        queue.add(PatternData.config("first", 3));
        queue.add(PatternData.config("second", 3));
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            List<RunOutcome> outcomes = queue.drain(config -> supervisor.start(config, PatternData.of(8, 0, 12)));
            assertThat(outcomes).extracting(RunOutcome::status).containsExactly(RunStatus.COMPLETED, RunStatus.COMPLETED);
            assertThat(RunSummary.list(home.resolve("runs"))).extracting(RunSummary::runId).contains("first", "second");
        }
        assertThat(queue.list()).isEmpty();
    }

    @Test
    void theQueueRefusesToStartWhenTheDiskIsTooFull() {
        RunQueue queue = new RunQueue(home, Long.MAX_VALUE);
        queue.add(PatternData.config("waiting", 2));
        assertThatThrownBy(() -> queue.drain(config -> {
            throw new AssertionError("must not start");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("GiB free");
        assertThat(queue.list()).extracting(TrainingConfig::runId).containsExactly("waiting");
    }
}
