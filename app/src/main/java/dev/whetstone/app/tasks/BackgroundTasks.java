package dev.whetstone.app.tasks;

import dev.whetstone.app.fx.Plural;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Worker;

/**
 * The app's background work in one list, for the task list in the status bar: runs, exports, merges,
 * downloads, each with its title, message, progress and Cancel. A task leaves the list when it ends; how it
 * ended goes to {@link #onEnded} (the in-window notifications). Call on the FX thread; progress may come
 * from any thread.
 *
 * <p>Example: {@code tasks.track("Exporting final as a PEFT adapter", future, null)}
 */
public final class BackgroundTasks {
    private final Executor waiters;
    private final ObservableList<TrackedTask> tasks = FXCollections.observableArrayList();
    private Consumer<String> onEnded = text -> { };

    /** Tasks wait for their work on {@code waiters} (threads that only block on futures). */
    public BackgroundTasks(Executor waiters) {
        this.waiters = Objects.requireNonNull(waiters, "waiters");
    }

    /** Lists {@code work} as {@code title} until it ends; {@code cancel} stops it, or null if it cannot be stopped. */
    public TrackedTask track(String title, CompletableFuture<?> work, Runnable cancel) {
        return track(title, work, cancel, false);
    }

    /** {@code onlyCancelTold}: how the work ended is told elsewhere (a run's own notices), except a cancel. */
    private TrackedTask track(String title, CompletableFuture<?> work, Runnable cancel, boolean onlyCancelTold) {
        TrackedTask task = new TrackedTask(title, work, cancel);
        tasks.add(task);
        task.stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED) {
                tasks.remove(task);
                if (!onlyCancelTold || state == Worker.State.CANCELLED) {
                    onEnded.accept(ending(task, state));
                }
            }
        });
        waiters.execute(task);
        return task;
    }

    /**
     * Lists a training run until it ends: its step, loss and time left from its metrics; Cancel stops it
     * (resumable). Only a cancel is told on its end: the run's own notices say how it finished or failed.
     */
    public TrackedTask follow(RunHandle run) {
        TrackedTask task = track("Training " + run.runId(), run.completion(), () -> run.controls().stop(), true);
        task.progress(-1, 1, "Starting …");
        run.onMetrics(line -> {
            if (line instanceof MetricsLine.Step step) {
                double elapsed = step.elapsedS();
                double left = step.etaS();
                boolean timed = Double.isFinite(elapsed) && Double.isFinite(left) && elapsed + left > 0;
                task.progress(timed ? elapsed : -1, timed ? elapsed + left : 1, String.format(Locale.ROOT,
                        "step %d · loss %.4f%s", step.step(), step.loss(),
                        timed ? String.format(Locale.ROOT, " · about %.0f s left", left) : ""));
            }
        });
        return task;
    }

    private static String ending(TrackedTask task, Worker.State state) {
        return switch (state) {
            case SUCCEEDED -> task.getTitle() + ": done.";
            case CANCELLED -> task.getTitle() + ": cancelled.";
            default -> task.getTitle() + " failed: " + (task.getException() == null ? "unknown error"
                    : String.valueOf(task.getException().getMessage()));
        };
    }

    /** What to do with the one-line account of a task that ended ("Exporting final: done."). */
    public void onEnded(Consumer<String> action) {
        onEnded = Objects.requireNonNull(action, "action");
    }

    /** The tasks running now, oldest first. */
    public ObservableList<TrackedTask> tasks() {
        return tasks;
    }

    /** "No background tasks", "1 task running", "3 tasks running". */
    public StringBinding summary() {
        return Bindings.createStringBinding(() -> tasks.isEmpty() ? "No background tasks"
                : Plural.of(tasks.size(), "task") + " running", tasks);
    }
}
