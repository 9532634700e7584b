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
    private final CompletableFuture<RunOutcome> completion;

    RunHandle(String runId, Path dir, RunControls controls, EventJournal events, CompletableFuture<RunOutcome> completion) {
        this.runId = runId;
        this.dir = dir;
        this.controls = controls;
        this.events = events;
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

    /** Calls {@code listener} for every event from now on (on the run's thread: hand off to your UI thread). */
    public void onEvent(Consumer<EventJournal.Entry> listener) {
        events.addListener(listener);
    }

    /** Completes when the run ends, however it ends. */
    public CompletableFuture<RunOutcome> completion() {
        return completion;
    }
}
