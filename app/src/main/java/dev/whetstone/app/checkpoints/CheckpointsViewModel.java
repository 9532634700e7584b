package dev.whetstone.app.checkpoints;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.runs.RunLauncher;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.CheckpointStore;
import dev.whetstone.engine.TrainingRun;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.run.CheckpointLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The checkpoint manager: every checkpoint of every run under the engine home, and what can be done with
 * one: export a PEFT folder or a Tinker tar, merge into a full model, set its expiry, delete it, or open
 * it in the Playground, or start a new run that resumes from it. Long actions show as {@link #busy()} with a message; nothing blocks the FX thread.
 *
 * <p>Example: {@code checkpoints.refresh(); checkpoints.exportPeft(row, dir);}
 */
public final class CheckpointsViewModel {
    private final Background background;
    private final CheckpointStore store;
    private final Path runsDir;
    private final ObservableList<CheckpointRow> checkpoints = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final RunLauncher launcher;
    private final RunningRuns running;
    private Consumer<String> openInPlayground = path -> { };
    private Runnable openRuns = () -> { };
    private Consumer<Path> showFolder = folder -> { };
    private java.util.function.BiFunction<String, CompletableFuture<?>, ?> trackJob = (title, work) -> null;

    /** Resumed runs start through {@code launcher} and are published to {@code running}, as the Runs pane's are. */
    public CheckpointsViewModel(Background background, CheckpointStore store, Path runsDir, RunLauncher launcher,
                                RunningRuns running) {
        this.background = Objects.requireNonNull(background, "background");
        this.store = Objects.requireNonNull(store, "store");
        this.runsDir = Objects.requireNonNull(runsDir, "runsDir");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.running = Objects.requireNonNull(running, "running");
    }

    /** Re-lists the checkpoints, newest run first, oldest checkpoint first within a run. */
    public CompletableFuture<Void> refresh() {
        return background.run(this::list, checkpoints::setAll, this::fail);
    }

    private List<CheckpointRow> list() {
        List<CheckpointRow> rows = new ArrayList<>();
        for (TrainingRun run : store.listRuns()) {
            Map<String, Long> steps = steps(runsDir.resolve(run.trainingRunId()));
            store.listCheckpoints(run.trainingRunId()).forEach(c -> {
                String name = c.checkpointId().substring(c.checkpointId().indexOf('/') + 1);
                rows.add(new CheckpointRow(run.trainingRunId(), steps.getOrDefault(name, -1L), c));
            });
        }
        return rows;
    }

    private static Map<String, Long> steps(Path dir) {
        Map<String, Long> steps = new HashMap<>();
        if (Files.isRegularFile(dir.resolve(RunJournal.CHECKPOINTS_FILE))) {
            for (CheckpointLine line : RunJournal.checkpoints(dir)) {
                steps.put(line.name(), line.step());
            }
        }
        return steps;
    }

    /** Re-lists whenever {@code run} saves a checkpoint, and when it ends (any thread). */
    public void watch(RunHandle run) {
        run.onEvent(entry -> {
            if (entry.event() instanceof RunEvent.CheckpointSaved) {
                refresh();
            }
        });
        run.completion().whenComplete((outcome, error) -> refresh());
    }

    /** Writes the checkpoint's adapter as a PEFT folder {@code target}. */
    public CompletableFuture<Void> exportPeft(CheckpointRow row, Path target) {
        return job("Exporting " + row.name() + " as a PEFT adapter", () -> store.exportPeft(row.path(), target));
    }

    /** Writes a Tinker-style tar {@code target}. */
    public CompletableFuture<Void> exportTar(CheckpointRow row, Path target) {
        return job("Exporting " + row.name() + " as a Tinker tar", () -> store.exportTar(row.path(), target));
    }

    /** Merges the adapter into its base model, written as a full model folder {@code target}. */
    public CompletableFuture<Void> merge(CheckpointRow row, Path target) {
        return job("Merging " + row.name() + " into a full model", () -> store.merge(row.path(), target));
    }

    /** Sets the expiry {@code ttl} from now; {@code null} keeps it forever. */
    public CompletableFuture<Void> setTtl(CheckpointRow row, Duration ttl) {
        return job("Setting the expiry of " + row.name(), () -> {
            store.setTtl(row.path(), ttl);
            return CompletableFuture.completedFuture(row.path());
        }).thenCompose(done -> refresh());
    }

    /** Deletes the checkpoint (the view asks first). */
    public CompletableFuture<Void> delete(CheckpointRow row) {
        return job("Deleting " + row.name(), () -> {
            store.delete(row.path());
            return CompletableFuture.completedFuture(row.path());
        }).thenCompose(done -> refresh());
    }

    /** Opens {@code row}'s folder ({@code runs/<run>/weights/<name>/} or {@code sampler_weights/…}) in the file manager. */
    public void showInFolder(CheckpointRow row) {
        showFolder.accept(runsDir.resolve(row.runId()).resolve(row.checkpoint().checkpointId()));
    }

    /** What "Show in folder" does (wired by the composition root). */
    public void onShowFolder(Consumer<Path> action) {
        showFolder = Objects.requireNonNull(action, "action");
    }

    /** Lists exports and merges in the task list: {@code (title, work) -> tasks.track(title, work, null)}. */
    public void onLongJob(java.util.function.BiFunction<String, CompletableFuture<?>, ?> tracker) {
        trackJob = Objects.requireNonNull(tracker, "tracker");
    }

    /** Opens the checkpoint in the Playground (wired by the composition root). */
    public void openInPlayground(CheckpointRow row) {
        openInPlayground.accept(row.path());
    }

    /** What "open in Playground" does: {@code path -> playground.choose(path)}. */
    public void onOpenInPlayground(Consumer<String> action) {
        openInPlayground = Objects.requireNonNull(action, "action");
    }

    /**
     * Starts a new run that branches from the training checkpoint {@code row}: its run's config, the
     * checkpoint's weights and optimizer state, from its step on with the same data order, as
     * {@code <run>-from-<name>}; then shows it in Runs. Refused, with the reason, for a checkpoint that
     * {@link #resumeProblem} rejects.
     */
    public CompletableFuture<Void> resumeFrom(CheckpointRow row) {
        String why = resumeProblem(row);
        if (why != null) {
            message.set(why);
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        message.set("Starting a run from " + row.path() + " …");
        return background.run(() -> launcher.branch(row.runId(), row.name(), branchId(row)), handle -> {
            busy.set(false);
            message.set("Resumed from " + row.path() + " as run " + handle.runId());
            running.publish(handle);
            openRuns.run();
        }, this::fail);
    }

    /** Why "Resume from it" cannot start from {@code row}, or null when it can. */
    public static String resumeProblem(CheckpointRow row) {
        if (row == null) {
            return "Choose a training checkpoint (weights/…) to resume from.";
        }
        if (row.isSampler()) {
            return "A sampler checkpoint holds only the weights for sampling, not the optimizer state: resume from "
                    + "tinker://" + row.runId() + "/weights/" + row.name() + " instead.";
        }
        if (row.step() < 0) {
            return row.runId() + " has no run journal (checkpoints.jsonl) with this checkpoint's step: only runs trained"
                    + " by Whetstone's supervisor can be resumed.";
        }
        return null;
    }

    /** {@code <run>-from-<name>}, with {@code -2}, {@code -3} … added when that run exists (call on a worker). */
    private String branchId(CheckpointRow row) {
        String base = row.runId() + "-from-" + row.name();
        String id = base;
        for (int n = 2; launcher.exists(id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    /** What happens after "Resume from it" started a run: {@code () -> shell.navigate(Place.RUNS)}. */
    public void onOpenRuns(Runnable action) {
        openRuns = Objects.requireNonNull(action, "action");
    }

    private CompletableFuture<Void> job(String what, java.util.function.Supplier<CompletableFuture<?>> start) {
        busy.set(true);
        message.set(what + " …");
        // the engine's future is joined on a worker, never on the FX thread
        CompletableFuture<Object> work = CompletableFuture.supplyAsync(() -> start.get().join(), background.workers());
        if (what.startsWith("Exporting") || what.startsWith("Merging")) {
            trackJob.apply(what, work);
        }
        return background.whenDone(work, result -> {
            busy.set(false);
            message.set(what + ": done" + (result instanceof Path p ? " → " + p : ""));
        }, this::fail);
    }

    private void fail(Throwable error) {
        busy.set(false);
        message.set(error.getMessage());
    }

    public ObservableList<CheckpointRow> checkpoints() { return checkpoints; }

    public StringProperty message() { return message; }

    public BooleanProperty busy() { return busy; }
}
