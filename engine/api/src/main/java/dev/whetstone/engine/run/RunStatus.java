package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.util.List;
import java.util.Locale;

/**
 * Where a run stands, as the command line ({@code runs list}), the app's run list and its dashboard show it.
 * Every one of them derives it the same way: {@link #after} applied to the run's events in order, from
 * {@link #INTERRUPTED} (a run folder without events was killed while starting). A journal read from disk
 * that ends {@link #RUNNING} belongs to a run killed mid-way, unless this process is following it:
 * {@link #ofJournal} says {@link #INTERRUPTED} for it.
 *
 * <p>Example: {@code RunStatus s = RunStatus.ofJournal(EventJournal.read(dir.resolve(RunJournal.EVENTS_FILE)));}
 */
public enum RunStatus {
    /** Training now (a live run). */
    RUNNING,
    /** Started but ended without an end event (killed, crashed, power loss): resumable from its last checkpoint. */
    INTERRUPTED,
    /** Waiting for resume (the user, or the divergence guard): resumable. */
    PAUSED,
    /** Reached its last step. */
    COMPLETED,
    /** Reached its last step after the divergence guard rolled it back at least once. */
    DIVERGED,
    /** Stopped by the user. */
    STOPPED,
    /** Ended because evaluation stopped improving. */
    EARLY_STOPPED,
    /** Ended by an error. */
    FAILED;

    /** The status after {@code event}: the one transition function of a run. */
    public RunStatus after(RunEvent event) {
        if (event instanceof RunEvent.RunStarted || event instanceof RunEvent.RunResumed
                || event instanceof RunEvent.RunUnpaused) {
            return RUNNING;
        } else if (event instanceof RunEvent.RunPaused) {
            return PAUSED;
        } else if (event instanceof RunEvent.RunCompleted c) {
            return c.diverged() ? DIVERGED : COMPLETED;
        } else if (event instanceof RunEvent.RunStopped) {
            return STOPPED;
        } else if (event instanceof RunEvent.EarlyStopped) {
            return EARLY_STOPPED;
        } else if (event instanceof RunEvent.RunFailed) {
            return FAILED;
        }
        return this;
    }

    /** The status of a run nobody in this process follows, from its journal: {@link #RUNNING} reads as {@link #INTERRUPTED}. */
    public static RunStatus ofJournal(List<EventJournal.Entry> events) {
        RunStatus status = INTERRUPTED;
        for (EventJournal.Entry entry : events) {
            status = status.after(entry.event());
        }
        return status == RUNNING ? INTERRUPTED : status;
    }

    /** Whether {@code runs resume} / the app's Resume continue it: interrupted or paused. */
    public boolean resumable() {
        return this == INTERRUPTED || this == PAUSED;
    }

    /** {@code running}, {@code interrupted}, {@code paused}, {@code completed}, {@code diverged}, {@code stopped}, {@code early_stopped}, {@code failed}. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status spelled {@code id} (as {@link #id()} writes it). */
    @JsonCreator
    public static RunStatus fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The {@link #id()}, as the command line prints it. */
    @Override
    public String toString() {
        return id();
    }
}
