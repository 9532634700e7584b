package dev.whetstone.resources.starter;

import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.run.DpoSettings;
import dev.whetstone.engine.run.GrpoSettings;
import dev.whetstone.engine.run.LearningRateSchedule;
import dev.whetstone.engine.run.TrainingConfig;

/**
 * The wizard's defaults adapted to the starter model: LoRA rank 16 as the wizard, but a learning rate and
 * step count sized for a tiny model on a laptop CPU, short examples, and no validation split: the skill has
 * its own held-out file, scored by exact match ({@code eval/exact_match}) at step 0, every
 * {@link #EVAL_EVERY} steps and at the end. {@code whetstone starter} and the wizard (starter model + a
 * starter skill) both run this config.
 *
 * <p>Example: {@code TrainingConfig c = StarterPreset.config(modelDir.toString(), StarterKit.installDataset(home, skill));}
 */
public final class StarterPreset {
    public static final int STEPS = 100;
    public static final int BATCH_SIZE = 8;
    public static final double LEARNING_RATE = 5e-3;
    /** Steps between held-out scores: five points on the dashboard's chart (0, 25, 50, 75, 100). */
    public static final int EVAL_EVERY = 25;
    /** DPO steps on the preference pairs: held-out preference accuracy reaches 1.0 by step 40 (README). */
    public static final int DPO_STEPS = 40;
    public static final int DPO_EVAL_EVERY = 20;
    /** SFT steps before GRPO: enough that some sampled answers are right, so groups have a signal. */
    public static final int GRPO_WARM_START_STEPS = 25;
    public static final int GRPO_STEPS = 30;
    public static final int GRPO_EVAL_EVERY = 10;
    public static final int GRPO_GROUP = 8;
    public static final double GRPO_LEARNING_RATE = 5e-3;

    private StarterPreset() {
    }

    /** The preset on {@code trainFile}, without a held-out metric. */
    public static TrainingConfig config(String model, String trainFile) {
        TrainingConfig wizard = TrainingConfig.defaults(model, trainFile);
        return wizard
                .withData(trainFile, DatasetFormat.CHAT_MESSAGES, wizard.trainOn(), 0.0, StarterRecipe.MAX_LENGTH)
                .withBatching(BATCH_SIZE, 1, STEPS)
                .withOptimizer(LearningRateSchedule.cosine(5), wizard.adam().withLearningRate(LEARNING_RATE))
                .withCadence(EVAL_EVERY, 0, 1, 0);
    }

    /**
     * DPO on a skill's preference pairs ({@link StarterPreferences}): the preset's LoRA and learning rate, {@link #DPO_STEPS}
     * steps of 8 pairs, β 0.1, held-out preference accuracy at step 0, every {@link #DPO_EVAL_EVERY} steps and at the end.
     */
    public static TrainingConfig dpoConfig(String model, StarterKit.SkillFiles pairs) {
        TrainingConfig sft = config(model, pairs.train().toString());
        return sft.withData(pairs.train().toString(), DatasetFormat.PREFERENCE, sft.trainOn(), 0.0, StarterRecipe.MAX_LENGTH)
                .withBatching(BATCH_SIZE, 1, DPO_STEPS)
                .withCadence(DPO_EVAL_EVERY, 0, 1, 0)
                .withDpo(DpoSettings.defaults().withHeldoutFile(pairs.heldout().toString()));
    }

    /**
     * GRPO on a skill's training prompts (its chat rows; the reply is the {@code answer} field) with the exact-match
     * reward, from {@code fromCheckpoint} (a short SFT warm start: the base never answers exactly); groups of
     * {@link #GRPO_GROUP} completions of at most 8 tokens, the mean reward of the held-out prompts at step 0, every
     * {@link #GRPO_EVAL_EVERY} steps and at the end.
     */
    public static TrainingConfig grpoConfig(String model, StarterKit.SkillFiles skill, String fromCheckpoint) {
        TrainingConfig sft = config(model, skill.train().toString());
        return sft.withBatching(BATCH_SIZE, 1, GRPO_STEPS)
                .withCadence(GRPO_EVAL_EVERY, 0, 1, 0)
                .withOptimizer(LearningRateSchedule.cosine(0), sft.adam().withLearningRate(GRPO_LEARNING_RATE))
                .withGrpo(GrpoSettings.defaults("exact-match:answer").withSampling(GRPO_GROUP, 8, 1.0)
                        .withHeldoutFile(skill.heldout().toString()))
                .withFromCheckpoint(fromCheckpoint);
    }

    /** The preset on a skill's training file, scored by exact match on its held-out file as it trains. */
    public static TrainingConfig config(String model, StarterKit.SkillFiles skill) {
        return config(model, skill.train().toString()).withEvalExactMatchFile(skill.heldout().toString());
    }
}
