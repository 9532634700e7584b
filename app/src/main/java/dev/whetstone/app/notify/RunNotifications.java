package dev.whetstone.app.notify;

import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import java.util.Objects;

/**
 * Follows the runs this app starts and tells the {@link Notifier} when one finishes, fails or is paused by
 * the divergence guard ({@link RunNotices} decides which and writes the text). Listeners run on the run's
 * thread and only queue the notification.
 *
 * <p>Example: {@code runningRuns.onStarted(notifications::follow)}
 */
public final class RunNotifications {
    private final Notifier notifier;

    public RunNotifications(Notifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Notifies about {@code run} from now until it ends. */
    public void follow(RunHandle run) {
        RunNotices notices = new RunNotices(run.runId());
        run.onMetrics(line -> {
            if (line instanceof MetricsLine.TrainingStep step) {
                notices.loss(step.loss());
            }
        });
        run.onEvent(entry -> notices.after(entry.event()).ifPresent(notifier::show));
    }
}
