package dev.whetstone.resources.starter;

import dev.whetstone.engine.data.DatasetFormat;
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

    /** The preset on a skill's training file, scored by exact match on its held-out file as it trains. */
    public static TrainingConfig config(String model, StarterKit.SkillFiles skill) {
        return config(model, skill.train().toString()).withEvalExactMatchFile(skill.heldout().toString());
    }
}
