package dev.whetstone.app.home;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.app.fx.InlineExecutor;
import dev.whetstone.app.home.EnvironmentCheck.Status;
import dev.whetstone.engine.Checkpoint;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.ServerCapabilities;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.WorkbenchException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HomeViewModelTest {
    @TempDir
    Path home;

    /** A store that only lists runs. */
    private static final class RunsOnly implements CheckpointStore {
        final List<TrainingRun> runs = new ArrayList<>();
        RuntimeException failure;

        @Override
        public List<TrainingRun> listRuns() {
            if (failure != null) {
                throw failure;
            }
            return runs;
        }

        @Override
        public List<Checkpoint> listCheckpoints(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setTtl(String path, Duration ttl) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Path> exportPeft(String path, Path targetDir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Path> exportTar(String path, Path targetFile) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Path> merge(String path, Path targetDir) {
            throw new UnsupportedOperationException();
        }
    }

    private final RunsOnly store = new RunsOnly();

    private HomeViewModel viewModel() {
        return new HomeViewModel(InlineExecutor.background(), store, home);
    }

    @Test
    void startsWithDeviceNativeAndDiskCheckingAndJavaKnown() {
        HomeViewModel vm = viewModel();
        assertThat(vm.checks()).extracting(EnvironmentCheck::name).containsExactly("Device", "Native library", "Disk", "Java");
        assertThat(vm.checks()).extracting(EnvironmentCheck::status)
                .containsExactly(Status.CHECKING, Status.CHECKING, Status.CHECKING, Status.OK);
        assertThat(vm.checks().get(3).value()).startsWith(Integer.toString(Runtime.version().feature()));
    }

    @Test
    void capabilitiesFillTheDeviceAndNativeLines() {
        HomeViewModel vm = viewModel();
        vm.showCapabilities(CompletableFuture.completedFuture(
                new ServerCapabilities(List.of(), "cpu (no CUDA device visible)", "cpu", 0)));
        assertThat(vm.checks().get(0).value()).isEqualTo("cpu (no CUDA device visible)");
        assertThat(vm.checks().get(0).advice()).contains("nvidia-smi");
        assertThat(vm.checks().get(1).value()).isEqualTo("libtorch cpu");
    }

    @Test
    void anEngineThatCannotStartIsAProblemWithAFix() {
        HomeViewModel vm = viewModel();
        vm.showCapabilities(CompletableFuture.failedFuture(new WorkbenchException("libtorch failed to load.")));
        assertThat(vm.checks().get(0).status()).isEqualTo(Status.PROBLEM);
        assertThat(vm.checks().get(0).advice()).contains("libtorch failed to load.").contains("doctor");
    }

    @Test
    void refreshShowsFreeDiskAndNoRunsYet() {
        HomeViewModel vm = viewModel();
        assertThat(vm.refresh()).isCompleted();
        assertThat(vm.checks().get(2).status()).isIn(Status.OK, Status.ATTENTION);
        assertThat(vm.checks().get(2).value()).endsWith("free in the engine home");
        assertThat(vm.engineHomeLine()).contains(home.toString());
        assertThat(vm.recentRuns()).isEmpty();
        assertThat(vm.runsMessage().get()).startsWith("No runs yet");
    }

    @Test
    void recentRunsAreTheNewestFive() {
        IntStream.range(0, 7).forEach(i -> store.runs.add(
                new TrainingRun("run-" + i, "Qwen/Qwen3-0.6B", true, 8, Instant.EPOCH.plusSeconds(100 - i))));
        HomeViewModel vm = viewModel();
        vm.refresh();
        assertThat(vm.recentRuns()).extracting(TrainingRun::trainingRunId)
                .containsExactly("run-0", "run-1", "run-2", "run-3", "run-4");
        assertThat(vm.runsMessage().get()).isEqualTo("The 5 newest of 7 runs.");
    }

    @Test
    void unreadableRunsAreReported() {
        store.failure = new WorkbenchException("runs/ is not readable");
        HomeViewModel vm = viewModel();
        vm.refresh();
        assertThat(vm.runsMessage().get()).contains("Could not list the runs").contains("runs/ is not readable");
    }

    @Test
    void fineTuneTheStarterRunsTheActionTheAppWiresIn() {
        HomeViewModel vm = viewModel();
        assertThat(vm.starterAvailable()).isTrue();
        assertThat(vm.starterNote()).contains("offline");
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        vm.onFineTuneStarter(calls::incrementAndGet);
        vm.fineTuneStarter();
        assertThat(calls).hasValue(1);
    }
}
