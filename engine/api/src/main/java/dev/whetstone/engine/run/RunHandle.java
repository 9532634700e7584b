package dev.whetstone.engine.run;

import dev.whetstone.engine.event.EventJournal;
import java.nio.file.Path;
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

    RunHandle(RunJournal journal, RunControls controls, CompletableFuture<RunOutcome> completion) {
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

    /** Calls {@code listener} with each new {@code metrics.jsonl} line (step and eval lines), on the run's thread. */
    public void onMetrics(java.util.function.Consumer<java.util.Map<String, Object>> listener) {
        journal.addMetricsListener(listener);
    }

    /** Completes when the run ends, however it ends. */
    public CompletableFuture<RunOutcome> completion() {
        return completion;
    }
}
