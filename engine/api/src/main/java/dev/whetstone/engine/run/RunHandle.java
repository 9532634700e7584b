package dev.whetstone.engine.run;

import dev.whetstone.engine.event.EventJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A run in progress: its id and folder, its controls, a way to follow its events, and its outcome.
 */
public final class RunHandle {
    private final String runId;
    private final Path dir;
    private final RunControls controls;
    private final EventJournal events;
    private final RunJournal journal;
    private final CompletableFuture<RunOutcome> completion;
    private final List<InputChange> inputChanges;

    RunHandle(RunJournal journal, RunControls controls, CompletableFuture<RunOutcome> completion, List<InputChange> inputChanges) {
        this.inputChanges = List.copyOf(inputChanges);
        this.journal = journal;
        this.runId = journal.dir().getFileName().toString();
        this.dir = journal.dir();
        this.controls = controls;
        this.events = journal.events();
        this.completion = completion;
    }

    public String runId() {
        return runId;
    }

    /** The run folder ({@code runs/<run-id>/}). */
    public Path dir() {
        return dir;
    }

    public RunControls controls() {
        return controls;
    }

    /** Calls {@code listener} with every event so far, then each new one (on the run's thread: hand off to your UI thread). */
    public void onEvent(Consumer<EventJournal.Entry> listener) {
        events.addListener(listener);
    }

    /** Calls {@code listener} with each new {@code metrics.jsonl} line (step, eval and score lines), on the run's thread. */
    public void onMetrics(Consumer<MetricsLine> listener) {
        journal.addMetricsListener(listener);
    }

    /** The inputs that were not as the run card recorded them when this run was resumed or extended (empty for a new run). */
    public List<InputChange> inputChanges() {
        return inputChanges;
    }

    /** Completes when the run ends, however it ends. */
    public CompletableFuture<RunOutcome> completion() {
        return completion;
    }
}
