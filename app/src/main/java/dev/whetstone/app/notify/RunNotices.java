package dev.whetstone.app.notify;

import dev.whetstone.engine.event.RunEvent;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one run's events into the notifications worth interrupting someone for: the run finished, failed,
 * or was paused by the divergence guard. A pause by the user, and every other event, gives none. Keeps the
 * run's last train loss and divergence finding for the text. One per run; thread-safe.
 *
 * <p>Example: {@code notices.after(new RunEvent.RunFailed(12, "out of memory"))} gives
 * "Run r1 failed" / "At step 12: out of memory".
 */
public final class RunNotices {
    private final String runId;
    private double lastLoss = Double.NaN;
    private RunEvent.DivergenceDetected divergence;

    /** The notices of run {@code runId}. */
    public RunNotices(String runId) {
        this.runId = Objects.requireNonNull(runId, "runId");
    }

    /** Remembers the latest train loss (from a metrics line) for the "finished" text; NaN is ignored. */
    public synchronized void loss(double loss) {
        if (!Double.isNaN(loss)) {
            lastLoss = loss;
        }
    }

    /** The notification {@code event} calls for, if any. */
    public synchronized Optional<Notification> after(RunEvent event) {
        if (event instanceof RunEvent.DivergenceDetected d) {
            divergence = d;
        } else if (event instanceof RunEvent.RunUnpaused || event instanceof RunEvent.RunResumed) {
            divergence = null;
        } else if (event instanceof RunEvent.RunCompleted c) {
            return Optional.of(completed(c));
        } else if (event instanceof RunEvent.RunFailed f) {
            return Optional.of(new Notification("Run " + runId + " failed", "At step " + f.step() + ": " + f.message()));
        } else if (event instanceof RunEvent.RunPaused p && byTheGuard(p)) {
            return Optional.of(new Notification("Run " + runId + " paused by the divergence guard", guardText(p)));
        }
        return Optional.empty();
    }

    private Notification completed(RunEvent.RunCompleted c) {
        StringBuilder body = new StringBuilder("Completed " + dev.whetstone.app.fx.Plural.of(c.steps(), "step"));
        if (!Double.isNaN(lastLoss)) {
            body.append(String.format(Locale.ROOT, "; last loss %.4f", lastLoss));
        }
        if (c.finalEvalLoss() != null) {
            body.append(String.format(Locale.ROOT, "; final eval loss %.4f", c.finalEvalLoss()));
        }
        body.append(c.diverged() ? ". It diverged: see its dashboard." : ".");
        return new Notification("Run " + runId + (c.diverged() ? " ended after diverging" : " finished"), body.toString());
    }

    private boolean byTheGuard(RunEvent.RunPaused p) {
        return divergence != null || (p.reason() != null && p.reason().startsWith("divergence guard"));
    }

    private String guardText(RunEvent.RunPaused p) {
        if (divergence == null) {
            return "At step " + p.step() + ": " + p.reason();
        }
        return String.format(Locale.ROOT, "%s = %.4g at step %d. %s", divergence.what(), divergence.value(),
                divergence.step(), divergence.suggestion());
    }
}
