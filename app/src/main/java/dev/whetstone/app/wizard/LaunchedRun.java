package dev.whetstone.app.wizard;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run the wizard started, until the run dashboard (issue 8) takes over: its id and one live line
 * (step n/N, loss, tokens per second) from the run's metrics through the FX bridge, and Stop.
 */
public final class LaunchedRun {
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private RunHandle handle;

    /** Follows {@code run} ({@code totalSteps} for "n/N"), publishes it, and returns when it ends. */
    CompletableFuture<Void> follow(RunHandle run, long totalSteps, Background background, RunningRuns running) {
        handle = run;
        runId.set(run.runId());
        active.set(true);
        progress.set("Starting…");
        LatestValue<String> line = background.bridge().latest(progress::set);
        run.onMetrics(metrics -> {
            if (metrics instanceof MetricsLine.TrainingStep step) {
                line.post(format(step, totalSteps));
            }
        });
        running.publish(run);
        return background.whenDone(run.completion(), outcome -> {
            active.set(false);
            progress.set("Run " + outcome.status() + " after " + outcome.steps() + " steps"
                    + (Double.isFinite(outcome.finalLoss()) ? String.format(Locale.ROOT, ", loss %.4f", outcome.finalLoss()) : "")
                    + (outcome.message() == null ? "." : ": " + outcome.message()));
        }, error -> {
            active.set(false);
            progress.set("The run failed: " + error.getMessage());
        });
    }

    static String format(MetricsLine.TrainingStep step, long totalSteps) {
        return String.format(Locale.ROOT, "step %d/%d · loss %.4f · %.0f tokens/s", step.step(), totalSteps, step.loss(),
                step.tokensPerS());
    }

    /** Asks the run to stop after the current step (it stays resumable). */
    public void stop() {
        if (handle != null) {
            handle.controls().stop();
        }
    }

    public ReadOnlyStringProperty runId() {
        return runId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty active() {
        return active.getReadOnlyProperty();
    }
}
