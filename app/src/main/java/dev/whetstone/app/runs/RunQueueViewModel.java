package dev.whetstone.app.runs;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunOutcome;
import dev.whetstone.engine.run.RunQueue;
import dev.whetstone.engine.run.TrainingConfig;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The run queue of the Runs pane: the queued configs (next first) of the engine's {@link RunQueue}, add,
 * move up / down, remove, and "Run queue", which drains the queue on its own thread: each run is started by
 * the {@link RunLauncher}, published to {@link RunningRuns} (so the dashboard follows it) and taken off the
 * queue as it starts; the next starts when it ends. Edits made while the queue runs apply to the runs not
 * yet started.
 *
 * <p>Example: {@code queue.add(config); queue.moveUp(queue.queued().get(1)); queue.runAll();}
 */
public final class RunQueueViewModel {
    private final Background background;
    private final RunQueue queue;
    private final RunLauncher launcher;
    private final RunningRuns running;
    private final Executor drainer;
    private final ObservableList<TrainingConfig> queued = FXCollections.observableArrayList();
    private final StringProperty message = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper draining = new ReadOnlyBooleanWrapper();

    /** {@code drainer} runs the queue (one thread, busy for as long as the queued runs train). */
    public RunQueueViewModel(Background background, RunQueue queue, RunLauncher launcher, RunningRuns running,
                             Executor drainer) {
        this.background = Objects.requireNonNull(background, "background");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.running = Objects.requireNonNull(running, "running");
        this.drainer = Objects.requireNonNull(drainer, "drainer");
    }

    /** Re-reads {@code queue.json}. */
    public CompletableFuture<Void> refresh() {
        return edit("", queue::list);
    }

    /**
     * Adds {@code config} at the end of the queue (it gets its run id now). The future gives what happened, as
     * {@link #message()} shows it ("Queued sft-… (2 in the queue)" or why not), once it is shown.
     */
    public CompletableFuture<String> add(TrainingConfig config) {
        return background.run(() -> {
            TrainingConfig added = queue.add(config);
            return new Added(added.runId(), queue.list());
        }, added -> {
            queued.setAll(added.queue());
            message.set("Queued " + added.runId() + " (" + added.queue().size() + " in the queue)");
        }, this::fail).thenApply(shown -> message.get());
    }

    private record Added(String runId, List<TrainingConfig> queue) {
    }

    /** Moves {@code config} one place towards the front; nothing if it is first. */
    public CompletableFuture<Void> moveUp(TrainingConfig config) {
        return moveBy(config, -1);
    }

    /** Moves {@code config} one place towards the end; nothing if it is last. */
    public CompletableFuture<Void> moveDown(TrainingConfig config) {
        return moveBy(config, 1);
    }

    private CompletableFuture<Void> moveBy(TrainingConfig config, int delta) {
        String runId = config.runId();
        return edit("", () -> {
            List<TrainingConfig> now = queue.list();
            int at = indexOf(now, runId);
            int to = at + delta;
            if (at >= 0 && to >= 0 && to < now.size()) {
                queue.move(runId, to);
            }
            return queue.list();
        });
    }

    /** Takes {@code config} off the queue (the view asks first). */
    public CompletableFuture<Void> remove(TrainingConfig config) {
        return edit("Removed " + config.runId() + " from the queue", () -> {
            if (!queue.remove(config.runId())) {
                throw new IllegalArgumentException(config.runId() + " is no longer queued: it has started or was removed");
            }
            return queue.list();
        });
    }

    /**
     * Starts the queued runs one after another until the queue is empty. Refuses, with the queue's
     * message, while free disk under the engine home is below its limit. The future completes when the last
     * run has ended (or the queue stopped on an error), after the result is shown.
     */
    public CompletableFuture<Void> runAll() {
        if (draining.get()) {
            message.set("The queue is already running");
            return CompletableFuture.completedFuture(null);
        }
        draining.set(true);
        message.set("Running the queue …");
        return background.whenDone(CompletableFuture.supplyAsync(() -> queue.drain(this::startOne), drainer), outcomes -> {
            draining.set(false);
            message.set(outcomes.isEmpty() ? "The queue is empty: add runs from the Train wizard's Review page"
                    : "Queue done: " + outcomes.size() + " run" + (outcomes.size() == 1 ? "" : "s") + " (" + summary(outcomes) + ")");
            refresh();
        }, error -> {
            draining.set(false);
            fail(error);
            refresh();
        });
    }

    /** Starts one queued run (on the drainer thread) and publishes it, as the Runs pane's own launches do. */
    private RunHandle startOne(TrainingConfig config) {
        RunHandle handle;
        try {
            handle = launcher.start(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not start queued run " + config.runId() + ": " + e.getMessage()
                    + " (it has left the queue; fix it and add it again)", e);
        }
        running.publish(handle);
        background.bridge().run(() -> {
            message.set("Queue: running " + handle.runId());
            refresh();
        });
        return handle;
    }

    private static String summary(List<RunOutcome> outcomes) {
        return String.join(", ", outcomes.stream().map(o -> o.status().id()).toList());
    }

    private CompletableFuture<Void> edit(String done, Supplier<List<TrainingConfig>> change) {
        return background.run(change, now -> {
            queued.setAll(now);
            if (!done.isEmpty()) {
                message.set(done);
            }
        }, this::fail);
    }

    private static int indexOf(List<TrainingConfig> configs, String runId) {
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i).runId().equals(runId)) {
                return i;
            }
        }
        return -1;
    }

    private void fail(Throwable error) {
        message.set(error.getMessage());
    }

    /** The queued configs, next first (FX thread). */
    public ObservableList<TrainingConfig> queued() { return queued; }

    public StringProperty message() { return message; }

    /** Whether "Run queue" is working through the queue. */
    public ReadOnlyBooleanProperty draining() { return draining.getReadOnlyProperty(); }
}
