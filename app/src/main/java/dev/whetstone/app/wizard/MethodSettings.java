package dev.whetstone.app.wizard;

import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.model.ModelConfig;
import dev.whetstone.engine.run.DpoSettings;
import dev.whetstone.engine.run.GrpoSettings;
import dev.whetstone.engine.run.LearningRateSuggestion;
import dev.whetstone.engine.run.TrainingConfig;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The wizard's Method step: what to optimize (SFT, DPO on preference pairs, GRPO with a reward, each with its own
 * settings: β and the loss for DPO; the reward, group size, completion length and temperature for GRPO; and an
 * optional checkpoint to start from), LoRA rank, learning rate (with the suggestion for the chosen model and its
 * reason), epochs (or a step count) and batch size in Simple mode; warm-up, evaluation and checkpoint cadence and the
 * seed in Advanced. Starts from {@link TrainingConfig#defaults}.
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
    private final ObjectProperty<TrainingConfig.Objective> objective = new SimpleObjectProperty<>(TrainingConfig.Objective.SFT);
    private final DoubleProperty beta = new SimpleDoubleProperty(DpoSettings.defaults().beta());
    private final StringProperty dpoLoss = new SimpleStringProperty(DpoSettings.defaults().loss());
    private final StringProperty reward = new SimpleStringProperty(DEFAULT_REWARD);
    private final StringProperty rewardCommand = new SimpleStringProperty("");
    private final IntegerProperty groupSize = new SimpleIntegerProperty();
    private final IntegerProperty maxTokens = new SimpleIntegerProperty();
    private final DoubleProperty temperature = new SimpleDoubleProperty();
    private final StringProperty fromCheckpoint = new SimpleStringProperty("");
    private final StringProperty heldoutFile = new SimpleStringProperty("");
    private GrpoSettings grpoBase = GrpoSettings.defaults(DEFAULT_REWARD);
    private final ReadOnlyStringWrapper suggestion = new ReadOnlyStringWrapper("");
    private LearningRateSuggestion suggested;

    /** The reward a new GRPO run starts with: the row's {@code answer} field, exactly. */
    public static final String DEFAULT_REWARD = "exact-match:answer";

    public MethodSettings() {
        useConfig(TrainingConfig.defaults("model", "data.jsonl"));
    }

    /**
     * The method a dataset of {@code format} suits: preference pairs are DPO's data, prompts GRPO's; a chat file
     * keeps the method chosen ({@code now}: SFT, or GRPO on its answers), DPO excepted (it needs pairs).
     */
    static TrainingConfig.Objective suitedTo(DatasetFormat format, TrainingConfig.Objective now) {
        return format == DatasetFormat.PREFERENCE ? TrainingConfig.Objective.DPO
                : format == DatasetFormat.PROMPTS ? TrainingConfig.Objective.GRPO
                : now == TrainingConfig.Objective.DPO ? TrainingConfig.Objective.SFT : now;
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
        objective.set(config.objective());
        DpoSettings dpo = config.dpo() != null ? config.dpo() : DpoSettings.defaults();
        beta.set(dpo.beta());
        dpoLoss.set(dpo.loss());
        grpoBase = config.grpo() != null ? config.grpo() : GrpoSettings.defaults(DEFAULT_REWARD);
        reward.set(grpoBase.reward() == null ? "" : grpoBase.reward());
        rewardCommand.set(grpoBase.rewardCommand() == null ? "" : grpoBase.rewardCommand());
        groupSize.set(grpoBase.groupSize());
        maxTokens.set(grpoBase.maxTokens());
        temperature.set(grpoBase.temperature());
        String heldout = config.dpo() != null ? config.dpo().heldoutFile() : grpoBase.heldoutFile();
        heldoutFile.set(heldout == null ? "" : heldout);
        fromCheckpoint.set(config.fromCheckpoint() == null ? "" : config.fromCheckpoint());
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
        TrainingConfig config = base.withLora(base.lora().withRank(rank.get()))
                .withBatching(batchSize.get(), epochs.get(), steps.get() > 0 ? steps.get() : null)
                .withOptimizer(base.schedule().withWarmupSteps(warmupSteps.get()), base.adam().withLearningRate(learningRate.get()))
                .withCadence(evalEvery.get(), saveEvery.get(), base.keepLast(), base.earlyStoppingPatience())
                .withSeed(seed.get())
                .withFromCheckpoint(blankToNull(fromCheckpoint.get()));
        return withObjective(config, objective.get());
    }

    /** {@code config} as a run of {@code method} with this step's settings for it. */
    TrainingConfig withObjective(TrainingConfig config, TrainingConfig.Objective method) {
        String heldout = blankToNull(heldoutFile.get());
        return switch (method) {
            case SFT -> config.withDpo(null).withGrpo(null);
            case DPO -> config.withDpo(new DpoSettings(beta.get(), dpoLoss.get(), heldout));
            case GRPO -> config.withGrpo(grpo(heldout));
        };
    }

    private GrpoSettings grpo(String heldout) {
        String builtIn = blankToNull(reward.get());
        String command = blankToNull(rewardCommand.get());
        if (builtIn != null && command != null) {
            throw new IllegalArgumentException("Give a built-in reward or a reward program, not both: clear one of them.");
        }
        if (builtIn == null && command == null) {
            throw new IllegalArgumentException("GRPO needs a reward: a built-in (e.g. " + DEFAULT_REWARD + ") or a reward program.");
        }
        return new GrpoSettings(groupSize.get(), maxTokens.get(), temperature.get(), builtIn, command,
                grpoBase.rewardTimeoutSeconds(), grpoBase.normalizeStd(), grpoBase.lossFn(), heldout);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** SFT, DPO or GRPO. */
    public ObjectProperty<TrainingConfig.Objective> objective() {
        return objective;
    }

    /** DPO's β. */
    public DoubleProperty beta() {
        return beta;
    }

    /** DPO's loss: {@code sigmoid} or {@code ipo}. */
    public StringProperty dpoLoss() {
        return dpoLoss;
    }

    /** GRPO's built-in reward ({@code exact-match:answer}, …), or blank when a program scores. */
    public StringProperty reward() {
        return reward;
    }

    /** GRPO's reward program (a shell command), or blank. */
    public StringProperty rewardCommand() {
        return rewardCommand;
    }

    public IntegerProperty groupSize() {
        return groupSize;
    }

    public IntegerProperty maxTokens() {
        return maxTokens;
    }

    public DoubleProperty temperature() {
        return temperature;
    }

    /** A checkpoint to start from ({@code tinker://…} or a PEFT folder), or blank for the base model. */
    public StringProperty fromCheckpoint() {
        return fromCheckpoint;
    }

    /** DPO's held-out pairs or GRPO's held-out prompts file, or blank for the validation split. */
    public StringProperty heldoutFile() {
        return heldoutFile;
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
