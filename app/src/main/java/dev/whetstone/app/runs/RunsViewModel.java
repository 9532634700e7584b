package dev.whetstone.app.runs;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunSummary;
import dev.whetstone.engine.run.TrainingConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run history: every run under {@code runs/} with its status and a loss sparkline; the dashboard of
 * the selected run; the overlay and config diff of several; resume, extend, duplicate and delete. Every
 * run started in this window (by the wizard or here) goes through {@link RunningRuns}: the dashboard
 * follows it live, and selecting it later follows it again with its controls, instead of reading its files.
 *
 * <p>Example: {@code runs.refresh(); runs.select(List.of(row)); runs.resume(row);}
 */
public final class RunsViewModel {
    /** A named train-loss curve for the overlay chart. */
    public record Overlay(String runId, Plot loss) {
    }

    private final Background background;
    private final RunLauncher launcher;
    private final Path runsDir;
    private final RunDashboardViewModel dashboard;
    private final RunningRuns running;
    private final Map<String, RunHandle> live = new HashMap<>();   // FX thread only
    private final ObservableList<RunRow> runs = FXCollections.observableArrayList();
    private final ObservableList<Overlay> overlay = FXCollections.observableArrayList();
    private final ObjectProperty<ConfigDiff> diff = new SimpleObjectProperty<>();
    private final StringProperty message = new SimpleStringProperty("");
    private java.util.function.Consumer<Path> showFolder = folder -> { };

    public RunsViewModel(Background background, RunLauncher launcher, Path runsDir, RunDashboardViewModel dashboard,
                         RunningRuns running) {
        this.background = Objects.requireNonNull(background, "background");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.runsDir = Objects.requireNonNull(runsDir, "runsDir");
        this.dashboard = Objects.requireNonNull(dashboard, "dashboard");
        this.running = Objects.requireNonNull(running, "running");
        running.onStarted(handle -> background.bridge().run(() -> follow(handle)));
    }

    /** Shows a run started in this window live in the dashboard and lists it; forgets it when it ends. */
    private void follow(RunHandle handle) {
        live.put(handle.runId(), handle);
        dashboard.follow(handle);
        handle.completion().whenComplete((outcome, error) -> background.bridge().run(() -> {
            live.remove(handle.runId());
            refresh();
        }));
        refresh();
    }

    /** Opens {@code row}'s folder ({@code runs/<id>/}: run.json, the journal, the checkpoints) in the file manager. */
    public void showInFolder(RunRow row) {
        showFolder.accept(runsDir.resolve(row.runId()));
    }

    /** What "Show in folder" does: {@code folder -> showInFolder.open(folder)} (wired by the composition root). */
    public void onShowFolder(java.util.function.Consumer<Path> action) {
        showFolder = Objects.requireNonNull(action, "action");
    }

    /** Re-reads the history from disk. */
    public CompletableFuture<Void> refresh() {
        return background.run(() -> RunSummary.list(runsDir).stream().map(s -> RunRow.read(s, runsDir.resolve(s.runId())))
                .toList(), rows -> runs.setAll(rows.stream().map(r -> live.containsKey(r.runId()) ? r.running() : r).toList()),
                this::fail);
    }

    /** Shows the selection: one run opens in the dashboard; several are overlaid and diffed. */
    public CompletableFuture<Void> select(List<RunRow> selected) {
        if (selected.size() == 1) {
            overlay.clear();
            diff.set(null);
            RunHandle handle = live.get(selected.get(0).runId());
            return handle != null ? dashboard.follow(handle) : dashboard.open(selected.get(0).dir());
        }
        if (selected.size() < 2) {
            return CompletableFuture.completedFuture(null);
        }
        List<Path> dirs = selected.stream().map(RunRow::dir).toList();
        return background.run(() -> compare(dirs), compared -> {
            overlay.setAll(compared.overlay());
            diff.set(compared.diff());
        }, this::fail);
    }

    private record Compared(List<Overlay> overlay, ConfigDiff diff) {
    }

    private static Compared compare(List<Path> dirs) {
        List<Overlay> curves = new ArrayList<>();
        for (Path dir : dirs) {
            RunCurves c = new RunCurves();
            c.addAll(RunDashboardViewModel.Journal.metricLines(dir));
            curves.add(new Overlay(dir.getFileName().toString(), c.lossPlot(RunDashboardViewModel.BUCKETS)));
        }
        return new Compared(curves, ConfigDiff.of(dirs));
    }

    /** Resumes an interrupted or paused run and follows it in the dashboard. */
    public CompletableFuture<Void> resume(RunRow row) {
        if (live.containsKey(row.runId())) {
            message.set(row.runId() + " is running in this window: pause or stop it in the dashboard");
            return CompletableFuture.completedFuture(null);
        }
        return launch("Resuming " + row.runId(), () -> launcher.resume(row.runId()));
    }

    /** Trains {@code row}'s run for {@code extraSteps} more steps. */
    public CompletableFuture<Void> extend(RunRow row, int extraSteps) {
        return launch("Extending " + row.runId() + " by " + extraSteps + " steps", () -> launcher.extend(row.runId(), extraSteps));
    }

    /** Starts a new run with a copy of {@code row}'s config (a new run id); the wizard will prefill from it later. */
    public CompletableFuture<Void> duplicate(RunRow row) {
        return launch("Duplicating " + row.runId(), () -> launcher.start(duplicateConfig(row.dir())));
    }

    /** The config of the run in {@code dir} with its run id cleared, so a start generates a new one. */
    public static TrainingConfig duplicateConfig(Path dir) {
        return RunJournal.readConfig(dir).withRunId(null);
    }

    private CompletableFuture<Void> launch(String what, Supplier<RunHandle> start) {
        message.set(what + " …");
        return background.run(start, handle -> {
            message.set(what + ": running as " + handle.runId() + warnings(handle));
            running.publish(handle);
        }, this::fail);
    }

    /** Deletes the run's folder with its checkpoints (the view asks for confirmation first). */
    public CompletableFuture<Void> delete(RunRow row) {
        return background.run(() -> {
            deleteTree(row.dir());
            return row;
        }, deleted -> {
            runs.remove(deleted);
            message.set("Deleted " + deleted.runId());
        }, this::fail);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    /** The resume's warnings about inputs that changed since the run began, or nothing. */
    private static String warnings(RunHandle handle) {
        return handle.inputChanges().stream().map(c -> ". Warning: " + c.message()).collect(Collectors.joining());
    }

    private void fail(Throwable error) {
        message.set(error.getMessage());
    }

    public ObservableList<RunRow> runs() { return runs; }

    public ObservableList<Overlay> overlay() { return overlay; }

    public ObjectProperty<ConfigDiff> diff() { return diff; }

    public StringProperty message() { return message; }

    public RunDashboardViewModel dashboard() { return dashboard; }
}
