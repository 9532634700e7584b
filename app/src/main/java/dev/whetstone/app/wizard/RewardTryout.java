package dev.whetstone.app.wizard;

import dev.whetstone.app.fx.Background;
import dev.whetstone.engine.rl.ScoredGroup;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingData;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Review step's try of a GRPO run's reward: samples a group of completions of the first prompts from the
 * weights the run starts with and scores them with its reward, on a worker; {@link #lines()} lists reward, prompt
 * and completion, {@link #status()} sums them up (mean reward, groups with no signal to learn from).
 *
 * <p>{@code tryout.run(config, data)} from {@link TrainWizardViewModel#tryReward()}.
 */
public final class RewardTryout {
    private final Background background;
    private final RewardTrial trial;
    private final Consumer<Boolean> busy;
    private final ObservableList<String> lines = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** Runs {@code trial} on {@code background}, telling {@code busy} while it works. */
    RewardTryout(Background background, RewardTrial trial, Consumer<Boolean> busy) {
        this.background = Objects.requireNonNull(background, "background");
        this.trial = Objects.requireNonNull(trial, "trial");
        this.busy = Objects.requireNonNull(busy, "busy");
    }

    /** Samples and scores {@code config}'s reward on {@code data}; the lines and status show the result. */
    CompletableFuture<Void> run(TrainingConfig config, TrainingData data) {
        lines.clear();
        status.set("Sampling and scoring …");
        busy.accept(true);
        return background.run(() -> trial.run(config, data), groups -> {
            busy.accept(false);
            show(groups);
        }, error -> {
            busy.accept(false);
            status.set("The reward failed: " + error.getMessage());
        });
    }

    /** Says why nothing was tried. */
    CompletableFuture<Void> refuse(String why) {
        status.set(why);
        return CompletableFuture.completedFuture(null);
    }

    /** Forgets what was tried (the data changed). */
    void clear() {
        lines.clear();
        status.set("");
    }

    /** The lines: reward · prompt → completion. */
    public ObservableList<String> lines() {
        return lines;
    }

    /** What the try is doing or found, or {@code ""}. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    private void show(List<ScoredGroup> groups) {
        int completions = 0;
        double sum = 0;
        int silent = 0;
        for (ScoredGroup group : groups) {
            String prompt = group.prompt().messages().get(group.prompt().messages().size() - 1).content();
            double[] rewards = group.rewards();
            for (int i = 0; i < rewards.length; i++) {
                lines.add(String.format(Locale.ROOT, "%.3g  ·  %s  →  %s", rewards[i], prompt, group.texts().get(i)));
                sum += rewards[i];
                completions++;
            }
            silent += group.hasSignal() ? 0 : 1;
        }
        status.set(String.format(Locale.ROOT, "%d completions of %d prompts: mean reward %.3f; %d of %d groups all alike "
                + "(no signal to learn from)", completions, groups.size(), completions == 0 ? 0 : sum / completions, silent, groups.size()));
    }
}
