package dev.whetstone.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one transition function of a run's status, and how a journal read from disk settles. */
class RunStatusTest {

    @Test
    void eachEndEventGivesItsStatus() {
        RunStatus running = RunStatus.RUNNING;
        assertThat(running.after(new RunEvent.RunCompleted(10, 1.0, false))).isEqualTo(RunStatus.COMPLETED);
        assertThat(running.after(new RunEvent.RunCompleted(10, null, true))).isEqualTo(RunStatus.DIVERGED);
        assertThat(running.after(new RunEvent.RunStopped(4, true))).isEqualTo(RunStatus.STOPPED);
        assertThat(running.after(new RunEvent.EarlyStopped(6, 1.2))).isEqualTo(RunStatus.EARLY_STOPPED);
        assertThat(running.after(new RunEvent.RunFailed(3, "boom"))).isEqualTo(RunStatus.FAILED);
        assertThat(running.after(new RunEvent.RunPaused(3, "user"))).isEqualTo(RunStatus.PAUSED);
        assertThat(RunStatus.PAUSED.after(new RunEvent.RunUnpaused(3))).isEqualTo(RunStatus.RUNNING);
        assertThat(RunStatus.STOPPED.after(new RunEvent.RunResumed(4, "tinker://r/weights/000004", 10))).isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void eventsThatDoNotChangeTheStatusKeepIt() {
        assertThat(RunStatus.PAUSED.after(new RunEvent.CheckpointSaved(3, "000003", "tinker://r/weights/000003", null)))
                .isEqualTo(RunStatus.PAUSED);
        assertThat(RunStatus.RUNNING.after(new RunEvent.InputChanged("dataset", "/d", "a".repeat(64), null, "gone")))
                .isEqualTo(RunStatus.RUNNING);
    }

    @Test
    void aJournalThatEndsRunningReadsAsInterruptedAndResumable() {
        RunStatus status = RunStatus.ofJournal(journal(new RunEvent.RunStarted("r", "m", 10, 8, 0, 0),
                new RunEvent.CheckpointSaved(0, "000000", "tinker://r/weights/000000", null)));
        assertThat(status).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(status.resumable()).isTrue();
        assertThat(RunStatus.ofJournal(List.of())).isEqualTo(RunStatus.INTERRUPTED);
    }

    @Test
    void aResumedRunThatCompletedIsCompletedAndNotResumable() {
        RunStatus status = RunStatus.ofJournal(journal(new RunEvent.RunStarted("r", "m", 10, 8, 0, 0),
                new RunEvent.RunStopped(4, false), new RunEvent.RunResumed(4, "tinker://r/weights/000004", 10),
                new RunEvent.RunCompleted(10, null, false)));
        assertThat(status).isEqualTo(RunStatus.COMPLETED);
        assertThat(status.resumable()).isFalse();
        assertThat(RunStatus.PAUSED.resumable()).isTrue();
    }

    @Test
    void theStatusIsSpelledAsTheCommandLineAlwaysPrintedIt() {
        assertThat(RunStatus.EARLY_STOPPED).hasToString("early_stopped");
        assertThat(RunStatus.fromId("interrupted")).isEqualTo(RunStatus.INTERRUPTED);
    }

    private static List<EventJournal.Entry> journal(RunEvent... events) {
        List<EventJournal.Entry> entries = new ArrayList<>();
        for (RunEvent e : events) {
            entries.add(new EventJournal.Entry(entries.size() + 1, Instant.EPOCH, e));
        }
        return entries;
    }
}
