package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run branched from a training checkpoint of a finished run continues it exactly, as a new run. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunBranchTest {
    private static final int STEPS = 20;

    @Test
    void aBranchFromStep10HasTheSourceRunsLossesAfterStep10(@TempDir Path home) {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            RunOutcome source = supervisor.start(PatternData.config("src", STEPS), PatternData.of(16, 4, 12)).completion().join();
            assertThat(source.status()).isEqualTo(RunStatus.COMPLETED);
            List<MetricsLine> sourceMetrics = lines(supervisor.runDir("src"));

            RunHandle branch = supervisor.branch("src", "000010", "src-from-000010", PatternData.of(16, 4, 12));
            assertThat(branch.completion().join().status()).isEqualTo(RunStatus.COMPLETED);

            Path dir = supervisor.runDir("src-from-000010");
            assertThat(losses(dir)).hasSize(STEPS).containsExactlyElementsOf(losses(supervisor.runDir("src")));
            assertThat(lines(dir).subList(0, linesUpTo(supervisor.runDir("src"), 10)))
                    .containsExactlyElementsOf(sourceMetrics.subList(0, linesUpTo(supervisor.runDir("src"), 10)));
            assertThat(lines(supervisor.runDir("src"))).containsExactlyElementsOf(sourceMetrics);
            assertThat(RunJournal.readConfig(dir)).isEqualTo(PatternData.config("src-from-000010", STEPS));
            assertThat(RunJournal.checkpoints(dir)).extracting(c -> c.statePath().toString())
                    .allMatch(p -> p.startsWith("tinker://src-from-000010/"))
                    .contains("tinker://src-from-000010/weights/final");
        }
    }

    @Test
    void aMissingCheckpointIsRefusedWithItsPathAndNoRunIsCreated(@TempDir Path home) {
        try (ServiceClient service = ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build())) {
            RunSupervisor supervisor = new RunSupervisor(service, home);
            supervisor.start(PatternData.config("src", 2).withCadence(0, 0, 2, 0), PatternData.of(8, 0, 12)).completion().join();

            assertThatThrownBy(() -> supervisor.branch("src", "000777", "src-from-000777", PatternData.of(8, 0, 12)))
                    .isInstanceOf(CheckpointNotFoundException.class)
                    .hasMessageContaining("tinker://src/weights/000777 is not a saved training checkpoint of run 'src'");
            assertThat(Files.exists(supervisor.runDir("src-from-000777"))).isFalse();
        }
    }

    private static List<Double> losses(Path runDir) {
        return RunJournal.steps(runDir).stream().map(MetricsLine.Step::loss).toList();
    }

    private static List<MetricsLine> lines(Path runDir) {
        return RunJournal.metrics(runDir);
    }

    private static int linesUpTo(Path runDir, long step) {
        return (int) RunJournal.metrics(runDir).stream().filter(m -> m.step() <= step).count();
    }
}
