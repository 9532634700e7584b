package dev.whetstone.app.wizard;

import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.run.LearningRateSuggestion;
import dev.whetstone.engine.run.TrainingConfig;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;

/**
 * The wizard's Method step: LoRA rank, learning rate (with the suggestion for the chosen model and its
 * reason), epochs (or a step count) and batch size in Simple mode; warm-up, evaluation and checkpoint cadence and the seed
 * in Advanced. Starts from {@link TrainingConfig#defaults}.
 *
 * <p>Example: {@code settings.suggestFor(model); settings.useSuggestion(); settings.applyTo(base)}
 */
public final class MethodSettings {
    private final BooleanProperty advanced = new SimpleBooleanProperty();
    private final IntegerProperty rank = new SimpleIntegerProperty();
    private final DoubleProperty learningRate = new SimpleDoubleProperty();
    private final IntegerProperty epochs = new SimpleIntegerProperty();
    private final IntegerProperty batchSize = new SimpleIntegerProperty();
    private final IntegerProperty steps = new SimpleIntegerProperty();
    private final IntegerProperty warmupSteps = new SimpleIntegerProperty();
    private final IntegerProperty evalEvery = new SimpleIntegerProperty();
    private final IntegerProperty saveEvery = new SimpleIntegerProperty();
    private final LongProperty seed = new SimpleLongProperty();
    private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper("");
    private LearningRateSuggestion suggested;

    public MethodSettings() {
        useConfig(TrainingConfig.defaults("model", "data.jsonl"));
    }

    /** Takes every setting of this step from {@code config} (a preset, or the defaults). */
    public void useConfig(TrainingConfig config) {
        rank.set(config.lora().rank());
        learningRate.set(config.adam().learningRate());
        epochs.set(config.epochs());
        batchSize.set(config.batchSize());
        steps.set(config.steps() == null ? 0 : config.steps());
        warmupSteps.set(config.schedule().warmupSteps());
        evalEvery.set(config.evalEvery());
        saveEvery.set(config.saveEvery());
        seed.set(config.seed());
    }

    /** Computes the learning-rate suggestion for {@code model} (null clears it). */
    public void suggestFor(ModelConfig model) {
        suggested = model == null ? null : LearningRateSuggestion.forLora(model);
        suggestion.set(suggested == null ? "" : String.format(Locale.ROOT, "Suggested %.1e: %s",
                suggested.learningRate(), suggested.reason()));
    }

    /** Sets the learning rate to the suggestion, if there is one. */
    public void useSuggestion() {
        if (suggested != null) {
            learningRate.set(suggested.learningRate());
        }
    }

    /** {@code base} with these settings; throws {@link IllegalArgumentException} naming a bad value. */
    public TrainingConfig applyTo(TrainingConfig base) {
        if (!(learningRate.get() > 0) || learningRate.get() > 1) {
            throw new IllegalArgumentException("The learning rate must be > 0 and at most 1, was " + learningRate.get());
        }
        if (rank.get() < 1 || rank.get() > 512) {
            throw new IllegalArgumentException("The LoRA rank must be between 1 and 512, was " + rank.get());
        }
        if (steps.get() < 0) {
            throw new IllegalArgumentException("Steps must be >= 0 (0 trains for the epochs), was " + steps.get());
        }
        if (warmupSteps.get() < 0) {
            throw new IllegalArgumentException("Warm-up steps must be >= 0, was " + warmupSteps.get());
        }
        return base.withLora(base.lora().withRank(rank.get()))
                .withBatching(batchSize.get(), epochs.get(), steps.get() > 0 ? steps.get() : null)
                .withOptimizer(base.schedule().withWarmupSteps(warmupSteps.get()), base.adam().withLearningRate(learningRate.get()))
                .withCadence(evalEvery.get(), saveEvery.get(), base.keepLast(), base.earlyStoppingPatience())
                .withSeed(seed.get());
    }

    /** Whether the advanced fields are shown. */
    public BooleanProperty advanced() {
        return advanced;
    }

    public IntegerProperty rank() {
        return rank;
    }

    public DoubleProperty learningRate() {
        return learningRate;
    }

    public IntegerProperty epochs() {
        return epochs;
    }

    public IntegerProperty batchSize() {
        return batchSize;
    }

    /** Optimizer steps; 0 trains for {@link #epochs()} instead. */
    public IntegerProperty steps() {
        return steps;
    }

    public IntegerProperty warmupSteps() {
        return warmupSteps;
    }

    public IntegerProperty evalEvery() {
        return evalEvery;
    }

    public IntegerProperty saveEvery() {
        return saveEvery;
    }

    public LongProperty seed() {
        return seed;
    }

    /** The suggestion and its reason, or {@code ""} before a model is chosen. */
    public ReadOnlyStringProperty suggestion() {
        return suggestion.getReadOnlyProperty();
    }
}
