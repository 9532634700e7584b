package dev.whetstone.engine.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.whetstone.engine.AdamParams;
import dev.whetstone.engine.LoraConfig;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.TrainOn;
import java.util.Objects;

/**
 * Everything a fine-tuning run needs, as data: the wizard edits it, {@code run.json} stores it, the supervisor
 * consumes it. Build one with {@link #defaults(String, String)} and {@code withX}. A run is supervised fine-tuning
 * unless it has DPO or GRPO settings ({@link #objective()}); those fields, and {@code fromCheckpoint}, are left out
 * of {@code run.json} when null, so a supervised run's file is what it always was.
 *
 * @param runId              the run's id (folder name under {@code runs/}); null means "generate one"
 * @param baseModel          HF model folder or repo id
 * @param method             LoRA (Tinker's) or full fine-tuning (an extension)
 * @param lora               the LoRA configuration (its seed is set from {@code seed} when null)
 * @param dataset            the training file
 * @param datasetFormat      the dataset's format, or null to detect it from the file ({@code "auto"} in JSON)
 * @param trainOn            which tokens carry loss
 * @param validationFraction the share of examples held out for evaluation, in [0, 0.5]
 * @param maxLength          tokens per example; longer ones are truncated and reported
 * @param batchSize          examples per optimizer step
 * @param epochs             passes over the data (when {@code steps} is null)
 * @param steps              optimizer steps (overrides epochs when not null)
 * @param schedule           learning-rate schedule
 * @param adam               AdamW parameters; its learning rate is the schedule's peak
 * @param evalEvery          steps between evaluations (0 = only at the end)
 * @param saveEvery          steps between checkpoints (0 = only at the end)
 * @param keepLast           periodic checkpoints kept (older ones are deleted; the best and the final stay)
 * @param earlyStoppingPatience evaluations without improvement before stopping (0 = never)
 * @param seed               data order and LoRA initialisation
 * @param spikeFactor        a loss above this multiple of its recent average counts as divergence (0 = off)
 * @param evalExactMatchFile a held-out chat-messages JSONL file scored by exact match of the last assistant message
 *                           at step 0, at each evaluation and at the end ({@code eval/exact_match}); null = none
 * @param dpo                DPO settings (the dataset holds preference pairs); null unless the run is DPO
 * @param grpo               GRPO settings (the dataset holds prompts, a reward scores completions); null unless GRPO
 * @param fromCheckpoint     start from this checkpoint's weights (fresh optimizer) instead of the base; null = the base
 */
public record TrainingConfig(String runId, String baseModel, Method method, LoraConfig lora, String dataset,
                             @JsonSerialize(nullsUsing = RunFileCodec.AutoFormat.class) DatasetFormat datasetFormat, TrainOn trainOn,
                             double validationFraction, int maxLength,
                             int batchSize, int epochs, Integer steps, LearningRateSchedule schedule, AdamParams adam,
                             int evalEvery, int saveEvery, int keepLast, int earlyStoppingPatience, long seed,
                             double spikeFactor, String evalExactMatchFile,
                             @JsonInclude(JsonInclude.Include.NON_NULL) DpoSettings dpo,
                             @JsonInclude(JsonInclude.Include.NON_NULL) GrpoSettings grpo,
                             @JsonInclude(JsonInclude.Include.NON_NULL) String fromCheckpoint) {

    /** LoRA (Tinker's method) or full fine-tuning of every weight. */
    public enum Method { LORA, FULL }

    /** What the run optimizes: supervised fine-tuning, DPO on preference pairs, or GRPO with a reward. */
    public enum Objective {
        SFT, DPO, GRPO;

        /** {@code sft}, {@code dpo} or {@code grpo}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The objective named {@code sft}, {@code dpo} or {@code grpo}. */
        public static Objective of(String name) {
            return switch (name.toLowerCase(java.util.Locale.ROOT)) {
                case "sft" -> SFT;
                case "dpo" -> DPO;
                case "grpo" -> GRPO;
                default -> throw new IllegalArgumentException("the method must be sft, dpo or grpo, was '" + name + "'");
            };
        }
    }

    public TrainingConfig {
        if (runId != null) {
            TinkerPath.requireValidName("runId", runId);
        }
        requireText("baseModel", baseModel);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(lora, "lora");
        requireText("dataset", dataset);
        Objects.requireNonNull(trainOn, "trainOn");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(adam, "adam");
        if (!(validationFraction >= 0 && validationFraction <= 0.5)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 0.5], was " + validationFraction);
        }
        requireAtLeast("maxLength", maxLength, 2);
        requireAtLeast("batchSize", batchSize, 1);
        requireAtLeast("epochs", epochs, 1);
        if (steps != null) {
            requireAtLeast("steps", steps, 1);
        }
        requireAtLeast("evalEvery", evalEvery, 0);
        requireAtLeast("saveEvery", saveEvery, 0);
        requireAtLeast("keepLast", keepLast, 1);
        requireAtLeast("earlyStoppingPatience", earlyStoppingPatience, 0);
        if (!(spikeFactor == 0 || spikeFactor > 1) || !Double.isFinite(spikeFactor)) {
            throw new IllegalArgumentException("spikeFactor must be 0 (off) or > 1, was " + spikeFactor);
        }
        if (evalExactMatchFile != null) {
            requireText("evalExactMatchFile", evalExactMatchFile);
        }
        if (dpo != null && grpo != null) {
            throw new IllegalArgumentException("a run is DPO or GRPO, not both: give dpo or grpo settings, not both");
        }
        if (fromCheckpoint != null) {
            requireText("fromCheckpoint", fromCheckpoint);
        }
    }

    /**
     * A supervised config as it was before the DPO, GRPO and from-checkpoint fields existed.
     */
    public TrainingConfig(String runId, String baseModel, Method method, LoraConfig lora, String dataset,
                          DatasetFormat datasetFormat, TrainOn trainOn, double validationFraction, int maxLength,
                          int batchSize, int epochs, Integer steps, LearningRateSchedule schedule, AdamParams adam,
                          int evalEvery, int saveEvery, int keepLast, int earlyStoppingPatience, long seed,
                          double spikeFactor, String evalExactMatchFile) {
        this(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength, batchSize,
                epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, null, null, null);
    }

    /** A config without a held-out exact-match file (the shape before that field existed). */
    public TrainingConfig(String runId, String baseModel, Method method, LoraConfig lora, String dataset,
                          DatasetFormat datasetFormat, TrainOn trainOn, double validationFraction, int maxLength,
                          int batchSize, int epochs, Integer steps, LearningRateSchedule schedule, AdamParams adam,
                          int evalEvery, int saveEvery, int keepLast, int earlyStoppingPatience, long seed,
                          double spikeFactor) {
        this(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength, batchSize,
                epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor, null);
    }

    /** A LoRA run with the wizard's defaults: rank 16, 3 epochs, batch 8, cosine warming up over 10% of the run (at most 10 steps), lr 2e-4. */
    public static TrainingConfig defaults(String baseModel, String dataset) {
        return new TrainingConfig(null, baseModel, Method.LORA, LoraConfig.ofRank(16), dataset, null, TrainOn.ALL_ASSISTANT_MESSAGES,
                0.1, 1024, 8, 3, null, LearningRateSchedule.cosineWarmup(0.1, 10),
                AdamParams.defaults().withLearningRate(2e-4).withEps(1e-8).withGradClipNorm(1.0),
                50, 100, 3, 0, 0, 5.0, null);
    }

    public TrainingConfig withRunId(String v) {
        return new TrainingConfig(v, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withMethod(Method v) {
        return new TrainingConfig(runId, baseModel, v, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withLora(LoraConfig v) {
        return new TrainingConfig(runId, baseModel, method, v, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    /** This config on {@code file} read as {@code format} (null = detect), training on {@code on}. */
    public TrainingConfig withData(String file, DatasetFormat format, TrainOn on, double validation, int length) {
        return new TrainingConfig(runId, baseModel, method, lora, file, format, on, validation, length,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withBatching(int batch, int epochCount, Integer stepCount) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batch, epochCount, stepCount, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withOptimizer(LearningRateSchedule s, AdamParams a) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, s, a, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withCadence(int eval, int save, int keep, int patience) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, eval, save, keep, patience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withSeed(long v) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, v, spikeFactor,
                evalExactMatchFile, dpo, grpo, fromCheckpoint);
    }

    public TrainingConfig withSpikeFactor(double v) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, v, evalExactMatchFile,
                dpo, grpo, fromCheckpoint);
    }

    /** This config scoring {@code file} (chat-messages JSONL) by exact match as it trains; null removes it. */
    public TrainingConfig withEvalExactMatchFile(String file) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor, file,
                dpo, grpo, fromCheckpoint);
    }

    /** This config as a DPO run with {@code settings} (null: back to supervised fine-tuning). */
    public TrainingConfig withDpo(DpoSettings settings) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, settings, settings != null ? null : grpo, fromCheckpoint);
    }

    /** This config as a GRPO run with {@code settings} (null: back to supervised fine-tuning). */
    public TrainingConfig withGrpo(GrpoSettings settings) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, settings != null ? null : dpo, settings, fromCheckpoint);
    }

    /** This config starting from the weights of checkpoint {@code path} ({@code tinker://} or a PEFT folder); null: from the base. */
    public TrainingConfig withFromCheckpoint(String path) {
        return new TrainingConfig(runId, baseModel, method, lora, dataset, datasetFormat, trainOn, validationFraction, maxLength,
                batchSize, epochs, steps, schedule, adam, evalEvery, saveEvery, keepLast, earlyStoppingPatience, seed, spikeFactor,
                evalExactMatchFile, dpo, grpo, path);
    }

    /** What the run optimizes: {@link Objective#DPO} with dpo settings, {@link Objective#GRPO} with grpo settings, else SFT. */
    public Objective objective() {
        return dpo != null ? Objective.DPO : grpo != null ? Objective.GRPO : Objective.SFT;
    }

    /** Total optimizer steps for a training set of {@code examples}. */
    public long totalSteps(int examples) {
        return steps != null ? steps : (long) epochs * ((examples + batchSize - 1) / batchSize);
    }

    /** The LoRA config with the run's seed filled in. */
    public LoraConfig seededLora() {
        return lora.seed() != null ? lora : lora.withSeed(seed);
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must be given, was " + (value == null ? "null" : "blank"));
        }
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }
}
