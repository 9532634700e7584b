package dev.whetstone.app.runs;

import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** One event of a run's journal as a log line. */
public final class EventText {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private EventText() {
    }

    /** {@code "14:02:11  checkpoint step-40 saved at step 40"}. */
    public static String line(EventJournal.Entry entry) {
        return TIME.format(entry.time()) + "  " + describe(entry.event());
    }

    static String describe(RunEvent e) {
        if (e instanceof RunEvent.RunStarted s) {
            return "run started on " + s.baseModel() + ": " + dev.whetstone.app.fx.Plural.of(s.totalSteps(), "step") + ", " + s.trainExamples()
                    + " training and " + s.validationExamples() + " validation examples";
        } else if (e instanceof RunEvent.RunResumed r) {
            return (r.checkpoint() == null ? "started again from the base model (no checkpoint was complete)"
                    : "resumed at step " + r.fromStep() + " from " + r.checkpoint()) + " (" + r.totalSteps() + " steps planned)";
        } else if (e instanceof RunEvent.EvalCompleted v) {
            return String.format(Locale.ROOT, "eval loss %.4f at step %d", v.evalLoss(), v.step());
        } else if (e instanceof RunEvent.MetricEvaluated m) {
            return String.format(Locale.ROOT, "%s %.3f at step %d%s", m.name(), m.value(), m.step(),
                    m.step() == 0 ? " (base model)" : "");
        } else if (e instanceof RunEvent.CheckpointSaved c) {
            return "checkpoint " + c.name() + " saved at step " + c.step();
        } else if (e instanceof RunEvent.CheckpointDeleted d) {
            return "checkpoint " + d.name() + " deleted (" + d.reason() + ")";
        } else if (e instanceof RunEvent.RunPaused p) {
            return "paused at step " + p.step() + ": " + p.reason();
        } else if (e instanceof RunEvent.RunUnpaused u) {
            return "continued at step " + u.step();
        } else if (e instanceof RunEvent.DivergenceDetected d) {
            return divergence(d);
        } else if (e instanceof RunEvent.RolledBack r) {
            return "rolled back to step " + r.toStep() + " (" + r.checkpoint() + ")";
        } else if (e instanceof RunEvent.EarlyStopped s) {
            return String.format(Locale.ROOT, "stopped early at step %d (best eval loss %.4f)", s.step(), s.bestEvalLoss());
        } else if (e instanceof RunEvent.RunCompleted c) {
            return "completed after " + c.steps() + " steps" + (c.diverged() ? " (diverged)" : "")
                    + (c.finalEvalLoss() != null ? String.format(Locale.ROOT, ", final eval loss %.4f", c.finalEvalLoss()) : "");
        } else if (e instanceof RunEvent.RunStopped s) {
            return "stopped at step " + s.step() + (s.saved() ? ", saved" : ", not saved");
        } else if (e instanceof RunEvent.RunFailed f) {
            return "failed at step " + f.step() + ": " + f.message();
        } else if (e instanceof RunEvent.EngineLost lost) {
            return "engine lost after step " + lost.step() + ": " + lost.message();
        } else if (e instanceof RunEvent.InputChanged c) {
            return "warning: " + c.message();
        }
        return e.toString();
    }

    /** The banner text for a divergence the guard acted on. */
    static String divergence(RunEvent.DivergenceDetected d) {
        return String.format(Locale.ROOT, "divergence guard: %s = %.4g at step %d. %s", d.what(), d.value(), d.step(),
                d.suggestion());
    }

}
