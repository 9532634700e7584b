package dev.whetstone.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.whetstone.engine.event.RunEvent;
import org.junit.jupiter.api.Test;

/** Which run events notify the desktop, and what the notification says. */
class RunNoticesTest {
    private final RunNotices notices = new RunNotices("r7");

    @Test
    void aFinishedRunNamesItsStepsLastLossAndEvalLoss() {
        notices.loss(0.91);
        notices.loss(0.4123);
        Notification n = notices.after(new RunEvent.RunCompleted(200, 0.5, false)).orElseThrow();
        assertThat(n.title()).isEqualTo("Run r7 finished");
        assertThat(n.body()).isEqualTo("Completed 200 steps; last loss 0.4123; final eval loss 0.5000.");
    }

    @Test
    void aFailedRunNamesTheStepAndTheMessage() {
        Notification n = notices.after(new RunEvent.RunFailed(12, "out of memory: lower the batch size")).orElseThrow();
        assertThat(n.title()).isEqualTo("Run r7 failed");
        assertThat(n.body()).isEqualTo("At step 12: out of memory: lower the batch size");
    }

    @Test
    void aPauseByTheGuardNamesWhatDivergedAndTheSuggestion() {
        assertThat(notices.after(new RunEvent.DivergenceDetected(40, "loss", Double.NaN, "Lower the learning rate."))).isEmpty();
        assertThat(notices.after(new RunEvent.RolledBack(30, "step-30"))).isEmpty();
        Notification n = notices.after(new RunEvent.RunPaused(30, "divergence guard: Lower the learning rate.")).orElseThrow();
        assertThat(n.title()).isEqualTo("Run r7 paused by the divergence guard");
        assertThat(n.body()).isEqualTo("loss = NaN at step 40. Lower the learning rate.");
    }

    @Test
    void aPauseByTheUserAndOrdinaryEventsNotifyNothing() {
        assertThat(notices.after(new RunEvent.RunPaused(5, "paused by the user"))).isEmpty();
        assertThat(notices.after(new RunEvent.EvalCompleted(5, 1.2))).isEmpty();
        assertThat(notices.after(new RunEvent.CheckpointSaved(5, "step-5", "a", "b"))).isEmpty();
        assertThat(notices.after(new RunEvent.RunStopped(6, true))).isEmpty();
    }

    @Test
    void aUserPauseAfterTheGuardRunWasContinuedIsNotBlamedOnTheGuard() {
        notices.after(new RunEvent.DivergenceDetected(40, "grad_norm", 1e9, "Clip gradients."));
        notices.after(new RunEvent.RunUnpaused(30));
        assertThat(notices.after(new RunEvent.RunPaused(50, "paused by the user"))).isEmpty();
    }
}
