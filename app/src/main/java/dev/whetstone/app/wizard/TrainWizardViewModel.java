package dev.whetstone.app.wizard;

import dev.whetstone.app.datasets.TokenizerCache;
import dev.whetstone.app.fx.Background;
import dev.whetstone.app.models.ModelEntry;
import dev.whetstone.app.runs.RunningRuns;
import dev.whetstone.engine.Tokenizer;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.FormatDetector;
import dev.whetstone.engine.data.TrainOn;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingDataLoader;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;

/**
 * The Train wizard: Model → Data (the dataset loaded and linted as the run will see it; blocking findings
 * stop here; a file of preference pairs or prompts switches the method to DPO or GRPO) → Method
 * ({@link MethodSettings}; another method reloads the data on Next) → Review (estimates and the run card; for DPO the
 * first pair's chosen and rejected tokens side by side, for GRPO a dry run of the reward) → Start (hands the config
 * and data to the supervisor). {@link #next()} refuses to leave a step that is not valid and says why in
 * {@link #problem()}.
 *
 * <p>Example: {@code wizard.model().set(entry); wizard.next(); wizard.dataset().set(file); wizard.checkData()}
 *
 * <p>The per-step pieces live beside it: {@link MethodSettings}, {@link DataCheck}, {@code Review},
 * {@link RewardTryout}, {@code StarterWizardPreset}.
 */
public final class TrainWizardViewModel {
    private final Background background;
    private final TokenizerCache tokenizers;
    private final RunStarter starter;
    private final RunningRuns running;
    private final ObservableList<ModelEntry> models;
    private final ObservableList<Path> datasets;
    private final WizardPreset presets;
    private final ReadOnlyObjectWrapper<WizardStep> step = new ReadOnlyObjectWrapper<>(WizardStep.MODEL);
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> dataset = new SimpleObjectProperty<>();
    private final IntegerProperty maxLength = new SimpleIntegerProperty(1024);
    private final ObjectProperty<TrainOn> trainOn = new SimpleObjectProperty<>(TrainOn.ALL_ASSISTANT_MESSAGES);
    private final DoubleProperty validationFraction = new SimpleDoubleProperty(0.1);
    private final ObjectProperty<Path> exactMatchFile = new SimpleObjectProperty<>();
    private final DataCheck data = new DataCheck();
    private final MethodSettings method = new MethodSettings();
    private final ReadOnlyObjectWrapper<Review> review = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper();
    private final LaunchedRun launched = new LaunchedRun();
    private final ReadOnlyStringWrapper queuedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PairPreview> pairPreview = new ReadOnlyObjectWrapper<>();
    private final RewardTryout rewardTryout;
    private Function<TrainingConfig, CompletableFuture<String>> addToQueue =
            config -> CompletableFuture.completedFuture("This window has no run queue.");
    private Function<Path, String> datasetNames = file -> String.valueOf(file.getFileName());
    private TrainingConfig preset;
    // bumped by each data check: a check whose choices have changed since does not show its result
    private int checkGeneration;

    /**
     * A wizard that starts from {@code presets}' config when the chosen model and dataset have one
     * ({@link WizardPreset#NONE}: never) and whose Review step tries a GRPO run's reward with {@code rewardTrial}.
     */
    public TrainWizardViewModel(Background background, TokenizerCache tokenizers, RunStarter starter, RunningRuns running,
                                ObservableList<ModelEntry> models, ObservableList<Path> datasets, WizardPreset presets,
                                RewardTrial rewardTrial) {
        this.presets = Objects.requireNonNull(presets, "presets");
        this.background = Objects.requireNonNull(background, "background");
        this.tokenizers = Objects.requireNonNull(tokenizers, "tokenizers");
        this.starter = Objects.requireNonNull(starter, "starter");
        this.running = Objects.requireNonNull(running, "running");
        this.models = Objects.requireNonNull(models, "models");
        this.datasets = Objects.requireNonNull(datasets, "datasets");
        this.rewardTryout = new RewardTryout(background, rewardTrial, checking::set);
        model.addListener((obs, old, now) -> {
            method.suggestFor(now == null ? null : now.config());
            choicesChanged();
            choosePreset();
        });
        dataset.addListener((obs, old, now) -> {
            choicesChanged();
            choosePreset();
        });
        maxLength.addListener((obs, old, now) -> choicesChanged());
        trainOn.addListener((obs, old, now) -> choicesChanged());
        validationFraction.addListener((obs, old, now) -> choicesChanged());
        method.objective().addListener((obs, old, now) -> {
            if (!adoptingObjective) {
                choicesChanged();    // another method reads the file another way: loaded again on Next
            }
        });
        data.summary().addListener((obs, old, now) -> {
            if (data.loaded() == null) {
                pairPreview.set(null);
                rewardTryout.clear();
            }
        });
    }

    private boolean adoptingObjective;

    /** Goes to the next step if this one is valid; otherwise sets {@link #problem()}. Entering Data checks it. */
    public boolean next() {
        if (step.get() == WizardStep.DATA && data.unchecked() && model.get() != null && dataset.get() != null) {
            checkData();   // the result shows on this page; Next again goes on
            return false;
        }
        if (step.get() == WizardStep.METHOD && data.loaded() == null && !checking.get() && dataset.get() != null) {
            return recheckThenReview();
        }
        String why = switch (step.get()) {
            case MODEL -> modelProblem();
            case DATA -> data.problem();
            case METHOD -> reviewProblem();
            case REVIEW, STARTED -> "Start the run, or go back to change it.";
        };
        problem.set(why == null ? "" : why);
        if (why != null) {
            return false;
        }
        step.set(WizardStep.values()[step.get().ordinal() + 1]);
        if (step.get() == WizardStep.DATA && dataset.get() != null && data.loaded() == null) {
            checkData();
        }
        return true;
    }

    /** Goes back one step (not from a started run). */
    public void back() {
        if (step.get() != WizardStep.MODEL && step.get() != WizardStep.STARTED) {
            problem.set("");
            step.set(WizardStep.values()[step.get().ordinal() - 1]);
        }
    }

    /** The method changed after the data was checked: loads it for the new method, then goes on to Review. */
    private boolean recheckThenReview() {
        problem.set("Checking the data for " + method.objective().get() + " …");
        checkData().thenRun(() -> {
            if (step.get() == WizardStep.METHOD && data.loaded() != null) {
                next();
            } else if (step.get() == WizardStep.METHOD) {
                problem.set(data.problem() == null ? "" : data.problem());
            }
        });
        return false;
    }

    /**
     * Loads and lints the dataset as the run would (split, template, masks, max length) on a worker. A file of
     * preference pairs makes the run DPO, a file of prompts GRPO (the method can be changed on the Method page).
     */
    public CompletableFuture<Void> checkData() {
        ModelEntry entry = model.get();
        Path file = dataset.get();
        if (entry == null || file == null) {
            problem.set(file == null ? "Choose a dataset from the library." : "Choose a model first.");
            return CompletableFuture.completedFuture(null);
        }
        try {
            baseConfig();
        } catch (IllegalArgumentException e) {
            problem.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        int mine = ++checkGeneration;
        checking.set(true);
        data.clear();
        data.checking();
        problem.set("");
        CompletableFuture<Void> checked = new CompletableFuture<>();
        background.run(() -> detectedFormat(file), format -> {
            if (mine != checkGeneration) {
                checked.complete(null);   // the choices changed meanwhile
                return;
            }
            adoptObjective(format);
            load(mine).whenComplete((done, error) -> checked.complete(null));
        }, error -> {
            if (mine == checkGeneration) {
                checking.set(false);
                data.fail(error.getMessage());
            }
            checked.complete(null);
        });
        return checked;
    }

    private static DatasetFormat detectedFormat(Path file) {
        try {
            return FormatDetector.detect(file).format();
        } catch (RuntimeException unreadable) {
            return null;   // the load says what is wrong with the file
        }
    }

    /** Switches the method to the one {@code format} suits, without reloading the data for the switch. */
    private void adoptObjective(DatasetFormat format) {
        TrainingConfig.Objective suited = MethodSettings.suitedTo(format, method.objective().get());
        if (suited != method.objective().get()) {
            adoptingObjective = true;
            try {
                method.objective().set(suited);
            } finally {
                adoptingObjective = false;
            }
        }
    }

    /** Loads the data for the chosen method (check number {@code mine}); a newer check's result wins. */
    private CompletableFuture<Void> load(int mine) {
        ModelEntry entry = model.get();
        TrainingConfig config;
        try {
            config = method.withObjective(baseConfig(), method.objective().get());
        } catch (IllegalArgumentException e) {
            checking.set(false);
            problem.set(e.getMessage());
            return CompletableFuture.completedFuture(null);
        }
        record Checked(TrainingDataLoader.Loaded loaded, PairPreview preview) {
        }
        return background.run(() -> {
            Tokenizer tokenizer = tokenizers.get(entry.folder(), entry.name());
            TrainingDataLoader.Loaded loaded = TrainingDataLoader.load(config, tokenizer);
            return new Checked(loaded, PairPreview.of(loaded, tokenizer, config.maxLength()).orElse(null));
        }, checked -> {
            if (mine == checkGeneration) {
                checking.set(false);
                data.show(checked.loaded());
                pairPreview.set(checked.preview());
            }
        }, error -> {
            if (mine == checkGeneration) {
                checking.set(false);
                data.fail(error.getMessage());
            }
        });
    }

    /** GRPO's try of the reward on the first prompts ({@link #rewardTryout()}), from the Review step. */
    public CompletableFuture<Void> tryReward() {
        Review ready = review.get();
        if (step.get() != WizardStep.REVIEW || ready == null || ready.config().grpo() == null) {
            return rewardTryout.refuse("The reward is tried on the Review step of a GRPO run.");
        }
        return rewardTryout.run(ready.config(), data.loaded().data());
    }

    /** Hands the config and the checked data to the supervisor and follows the run. */
    public CompletableFuture<Void> start() {
        Review ready = review.get();
        if (step.get() != WizardStep.REVIEW || ready == null) {
            problem.set("Review the run before starting it.");
            return CompletableFuture.completedFuture(null);
        }
        checking.set(true);
        long total = ready.config().totalSteps(data.loaded().data().examples());
        CompletableFuture<Void> followed = new CompletableFuture<>();
        background.run(() -> starter.start(ready.config(), data.loaded().data()), (RunHandle handle) -> {
            checking.set(false);
            step.set(WizardStep.STARTED);
            launched.follow(handle, total, background, running).whenComplete((v, e) -> followed.complete(null));
        }, error -> {
            checking.set(false);
            problem.set("Could not start the run: " + error.getMessage());
            followed.complete(null);
        });
        return followed;
    }

    /**
     * Adds the reviewed config to the run queue instead of starting it; {@link #queuedNote()} says what
     * happened. The wizard stays on Review, so the same run can be started or queued again.
     */
    public CompletableFuture<Void> addToQueue() {
        Review ready = review.get();
        if (step.get() != WizardStep.REVIEW || ready == null) {
            problem.set("Review the run before adding it to the queue.");
            return CompletableFuture.completedFuture(null);
        }
        problem.set("");
        queuedNote.set("Adding to the queue …");
        return addToQueue.apply(ready.config()).thenAccept(queuedNote::set);
    }

    /** What "Add to queue" does: {@code config -> queue.add(config)} (wired by the composition root). */
    public void onAddToQueue(Function<TrainingConfig, CompletableFuture<String>> action) {
        addToQueue = Objects.requireNonNull(action, "action");
    }

    /** What the last "Add to queue" did, or {@code ""}. */
    public ReadOnlyStringProperty queuedNote() {
        return queuedNote.getReadOnlyProperty();
    }

    /** Chooses the first usable model if none is chosen yet (called when the models list fills). */
    public void chooseDefaultModel() {
        if (model.get() == null) {
            models.stream().filter(ModelEntry::usable).findFirst().ifPresent(model::set);
        }
    }

    /** Back to the Model step for another run, keeping the choices. */
    public void newRun() {
        review.set(null);
        problem.set("");
        queuedNote.set("");
        step.set(WizardStep.MODEL);
    }

    /**
     * A fresh wizard on {@code entry} and {@code file}, whatever state it was in: the Model step with both
     * chosen and every field showing their preset (or the defaults), the data to be checked again. A run the
     * wizard started before goes on (Runs shows it).
     */
    public void startOver(ModelEntry entry, Path file) {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(file, "file");
        newRun();
        ModelEntry listed = models.stream().filter(m -> m.folder().toAbsolutePath().normalize()
                .equals(entry.folder().toAbsolutePath().normalize())).findFirst().orElse(entry);
        model.set(listed);
        dataset.set(file);
        preset = null;
        choosePreset();
        if (preset == null) {
            use(TrainingConfig.defaults(listed.folder().toString(), file.toString()));
        }
        method.advanced().set(false);
        checkGeneration++;
        checking.set(false);
        data.clear();
    }

    /** How the Data step names a dataset: its path in the library ({@code whetstone-starter/word-kind/train.jsonl}). */
    public String datasetName(Path file) {
        return datasetNames.apply(file);
    }

    /** Names datasets with {@code names} (the library's relative paths; the file name alone by default). */
    public void nameDatasetsWith(Function<Path, String> names) {
        datasetNames = Objects.requireNonNull(names, "names");
    }

    /** A choice the data check depends on changed: its result (or the check under way) no longer applies. */
    private void choicesChanged() {
        if (data.unchecked() && !checking.get()) {
            return;
        }
        checkGeneration++;
        checking.set(false);
        data.clear();
    }

    private String modelProblem() {
        ModelEntry entry = model.get();
        if (entry == null) {
            return "Choose a base model. Add one in Models if the list is empty.";
        }
        return entry.usable() ? null : entry.problem();
    }

    private String reviewProblem() {
        queuedNote.set("");
        try {
            TrainingConfig config = method.applyTo(baseConfig());
            review.set(Review.of(model.get(), config, data.loaded()));
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    TrainingConfig baseConfig() {
        TrainingConfig start = preset != null ? preset
                : TrainingConfig.defaults(model.get().baseModel(), dataset.get().toString());
        Path heldout = exactMatchFile.get();
        return start.withData(dataset.get().toString(), preset != null ? preset.datasetFormat() : null,
                        trainOn.get(), validationFraction.get(), maxLength.get())
                .withEvalExactMatchFile(heldout == null ? null : heldout.toString());
    }

    /** Starts from the preset of the chosen model and dataset, if they have one; back to the defaults when leaving one. */
    private void choosePreset() {
        ModelEntry entry = model.get();
        Path file = dataset.get();
        TrainingConfig found = entry == null || file == null ? null : presets.presetFor(entry.folder(), file).orElse(null);
        if (found != null) {
            preset = found;
            use(found);
        } else if (preset != null) {
            preset = null;
            use(TrainingConfig.defaults(entry != null ? entry.baseModel() : "model", "data.jsonl"));
        }
    }

    private void use(TrainingConfig config) {
        maxLength.set(config.maxLength());
        validationFraction.set(config.validationFraction());
        trainOn.set(config.trainOn());
        method.useConfig(config);
        exactMatchFile.set(config.evalExactMatchFile() == null ? null : Path.of(config.evalExactMatchFile()));
    }

    public ReadOnlyObjectProperty<WizardStep> step() {
        return step.getReadOnlyProperty();
    }

    public ObservableList<ModelEntry> models() {
        return models;
    }

    public ObservableList<Path> datasets() {
        return datasets;
    }

    public ObjectProperty<ModelEntry> model() {
        return model;
    }

    public ObjectProperty<Path> dataset() {
        return dataset;
    }

    public IntegerProperty maxLength() {
        return maxLength;
    }

    public ObjectProperty<TrainOn> trainOn() {
        return trainOn;
    }

    /** The share held out for evaluation, 0 to 0.5. */
    public DoubleProperty validationFraction() {
        return validationFraction;
    }

    /**
     * A held-out chat-messages JSONL file scored by exact match as the run trains ({@code eval/exact_match} on the
     * dashboard), or null; a starter skill sets its own.
     */
    public ObjectProperty<Path> exactMatchFile() {
        return exactMatchFile;
    }

    public DataCheck data() {
        return data;
    }

    public MethodSettings method() {
        return method;
    }

    /** The first DPO pair's chosen and rejected tokens, or null (not DPO, or not checked yet). */
    public ReadOnlyObjectProperty<PairPreview> pairPreview() {
        return pairPreview.getReadOnlyProperty();
    }

    /** GRPO's try of the reward: its lines and status. */
    public RewardTryout rewardTryout() {
        return rewardTryout;
    }

    /** The Review step's content, set when Method is left. */
    public ReadOnlyObjectProperty<Review> review() {
        return review.getReadOnlyProperty();
    }

    /** Why the wizard cannot go on, or {@code ""}. */
    public ReadOnlyStringProperty problem() {
        return problem.getReadOnlyProperty();
    }

    /** Whether the data check or the start is running. */
    public ReadOnlyBooleanProperty busy() {
        return checking.getReadOnlyProperty();
    }

    public LaunchedRun launched() {
        return launched;
    }
}
