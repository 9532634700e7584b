package dev.whetstone.resources.starter;

import dev.whetstone.engine.run.LearningRateSchedule;
import dev.whetstone.engine.run.TrainingConfig;

/**
 * The wizard's defaults adapted to the starter model: LoRA rank 16 as the wizard, but a learning rate and
 * step count sized for a tiny model on a laptop CPU, short examples, and no validation split (the skill
 * has its own held-out file, scored by {@link SkillEvaluator}).
 *
 * <p>Example: {@code TrainingConfig c = StarterPreset.config(modelDir.toString(), trainFile.toString());}
 */
public final class StarterPreset {
    public static final int STEPS = 100;
    public static final int BATCH_SIZE = 8;
    public static final double LEARNING_RATE = 5e-3;

    private StarterPreset() {
    }

    public static TrainingConfig config(String model, String trainFile) {
        TrainingConfig wizard = TrainingConfig.defaults(model, trainFile);
        return wizard
                .withData(trainFile, "messages", wizard.trainOn(), 0.0, StarterRecipe.MAX_LENGTH)
                .withBatching(BATCH_SIZE, 1, STEPS)
                .withOptimizer(LearningRateSchedule.cosine(5), wizard.adam().withLearningRate(LEARNING_RATE))
                .withCadence(0, 0, 1, 0);
    }
}
