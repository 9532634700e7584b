package dev.whetstone.app.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.whetstone.app.LegacyRuns;
import dev.whetstone.app.TinyRun;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.FxBridge;
import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.engine.EngineOptions;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunStatus;
import dev.whetstone.engine.run.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run folders written by main before the run files were typed open in the app's run list and dashboard, and the
 * interrupted one resumes from the app to its last step.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LegacyRunsOpenInTheAppTest {
    @TempDir
    Path home;

    private final Background background = new Background(new InlineExecutor(), new FxBridge(new InlineExecutor()));
    private final RunDashboardViewModel dashboard = new RunDashboardViewModel(background, new InlineExecutor(), Duration.ZERO);

    @Test
    void theRunListAndTheDashboardShowEveryOldRun() {
        LegacyRuns.install(home);
        try (ServiceClient service = service()) {
            RunsViewModel runs = new RunsViewModel(background, new RunLauncher(service, home), home.resolve("runs"), dashboard,
                    new RunningRuns());
            runs.refresh().join();
            Map<String, RunRow> rows = runs.runs().stream().collect(Collectors.toMap(RunRow::runId, Function.identity()));
            assertThat(rows).containsOnlyKeys("finished", "branched", "paused", "interrupted");
            assertThat(rows.get("finished").summary().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(rows.get("finished").resumable()).isFalse();
            assertThat(rows.get("paused").resumable()).isTrue();
            assertThat(rows.get("interrupted").resumable()).isTrue();
            assertThat(rows.get("finished").sparkline().size()).isEqualTo(6);

            runs.select(List.of(rows.get("finished"))).join();
            assertThat(dashboard.status().get()).isEqualTo(RunStatus.COMPLETED);
            assertThat(dashboard.charts().get().loss().size()).isEqualTo(6);
            assertThat(dashboard.charts().get().evalLoss().size()).isEqualTo(2);
            assertThat(dashboard.exactMatch().get().x()).containsExactly(0, 3, 6);
            assertThat(dashboard.events()).anyMatch(e -> e.contains("completed after 6 steps"));

            runs.select(List.of(rows.get("finished"), rows.get("paused"))).join();
            assertThat(runs.overlay()).extracting(RunsViewModel.Overlay::runId).containsExactly("finished", "paused");
            assertThat(runs.diff().get().rows()).filteredOn(ConfigDiff.Row::differs).extracting(ConfigDiff.Row::key)
                    .containsExactlyInAnyOrder("runId", "steps");

            runs.select(List.of(rows.get("paused"))).join();
            assertThat(dashboard.status().get()).isEqualTo(RunStatus.PAUSED);
            assertThat(dashboard.resumable()).isTrue();
            runs.select(List.of(rows.get("interrupted"))).join();
            assertThat(dashboard.status().get()).isEqualTo(RunStatus.INTERRUPTED);
            assertThat(dashboard.charts().get().loss().size()).isEqualTo(5);
        }
    }

    @Test
    void theInterruptedOldRunResumesFromTheAppToItsLastStep() {
        LegacyRuns.install(home);
        Path dir = home.resolve("runs/interrupted");
        List<MetricsLine.Step> before = RunJournal.steps(dir);
        try (ServiceClient service = service()) {
            RunningRuns running = new RunningRuns();
            RunsViewModel runs = new RunsViewModel(background, new RunLauncher(service, home), home.resolve("runs"), dashboard,
                    running);
            runs.refresh().join();
            RunRow interrupted = runs.runs().stream().filter(r -> r.runId().equals("interrupted")).findFirst().orElseThrow();
            runs.resume(interrupted).join();
            assertThat(runs.message().get()).isEqualTo("Resuming interrupted: running as interrupted");   // no input hashes to compare
            RunHandle handle = running.all().get(0);
            assertThat(handle.completion().join().status()).isEqualTo(RunStatus.COMPLETED);
        }
        List<MetricsLine.Step> after = RunJournal.steps(dir);
        assertThat(after).extracting(MetricsLine.Step::step).containsExactlyElementsOf(LongStream.rangeClosed(1, 30).boxed().toList());
        assertThat(after.subList(0, 3)).isEqualTo(before.subList(0, 3));   // kept up to the checkpoint at step 3
        for (int i = 3; i < 5; i++) {   // and steps 4 and 5 trained again from it, with the same data order
            assertThat(after.get(i).loss()).isCloseTo(before.get(i).loss(), withPercentage(1e-3));
        }
        assertThat(RunSummary.of(dir).status()).isEqualTo(RunStatus.COMPLETED);
    }

    @Test
    void extendingFromTheAppWarnsWhenTheDatasetChangedSinceTheRunBegan() throws IOException {
        Path dir = TinyRun.complete(home, "tiny", 3);
        Path data = home.resolve("data/chat.jsonl");
        Files.writeString(data, Files.readString(data) + Files.readAllLines(data).get(0) + "\n");
        try (ServiceClient service = service()) {
            RunningRuns running = new RunningRuns();
            RunsViewModel runs = new RunsViewModel(background, new RunLauncher(service, home), home.resolve("runs"), dashboard,
                    running);
            runs.refresh().join();
            runs.extend(runs.runs().get(0), 1).join();
            assertThat(runs.message().get()).startsWith("Extending tiny by 1 steps: running as tiny. Warning: the dataset "
                    + data.toAbsolutePath() + " changed since the run began");
            assertThat(running.all().get(0).completion().join().status()).isEqualTo(RunStatus.COMPLETED);
        }
        assertThat(RunJournal.steps(dir)).hasSize(4);
    }

    private ServiceClient service() {
        return ServiceClient.local(EngineOptions.builder().home(home).device("cpu").build());
    }
}
