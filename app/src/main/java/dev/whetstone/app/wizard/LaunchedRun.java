package dev.whetstone.app.wizard;

import dev.whetstone.app.fx.Background;
import dev.whetstone.app.fx.HumanNames;
import dev.whetstone.app.fx.Plural;
import dev.whetstone.app.fx.LatestValue;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.run.MetricsLine;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunStatus;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The run the wizard started: a headline that follows it (going, done, stopped, failed), its id, one live line
 * (step n/N, loss, tokens per second) from the run's metrics through the FX bridge, and Stop.
 */
public final class LaunchedRun {
    private final ReadOnlyStringWrapper runId = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper();
    private RunHandle handle;

    /** Follows {@code run} ({@code totalSteps} for "n/N"), publishes it, and returns when it ends. */
    CompletableFuture<Void> follow(RunHandle run, long totalSteps, Background background, RunningRuns running) {
        handle = run;
        runId.set(run.runId());
        active.set(true);
        headline.set("The run is going. The Runs pane shows its dashboard.");
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
            headline.set(ended(outcome.status()));
            progress.set("Run " + HumanNames.runStatus(outcome.status()) + " after " + Plural.of(outcome.steps(), "step")
                    + (Double.isFinite(outcome.finalLoss()) ? String.format(Locale.ROOT, ", loss %.4f", outcome.finalLoss()) : "")
                    + (outcome.message() == null ? "." : ": " + outcome.message()));
        }, error -> {
            active.set(false);
            headline.set("The run failed. The Runs pane shows what it did.");
            progress.set("The run failed: " + error.getMessage());
        });
    }

    /** The started page's headline once the run has ended with {@code status}. */
    static String ended(RunStatus status) {
        return switch (status) {
            case COMPLETED, DIVERGED -> "The run is done. Its checkpoints are in Checkpoints; try it in the Playground.";
            case FAILED -> "The run failed. The Runs pane shows what it did.";
            default -> "The run has " + HumanNames.runStatus(status) + ". Runs can resume it.";
        };
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

    /** What the run is doing in one sentence: going, done, stopped or failed; follows the run. */
    public ReadOnlyStringProperty headline() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty progress() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty active() {
        return active.getReadOnlyProperty();
    }
}
