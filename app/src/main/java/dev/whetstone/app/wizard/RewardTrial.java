package dev.whetstone.app.wizard;

import dev.whetstone.engine.rl.ScoredGroup;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingData;
import java.util.List;

/**
 * Tries a GRPO run's reward before the run: samples completions of a few prompts from the starting weights and scores
 * them ({@code RewardDryRun} in the app, a stand-in in view-model tests). Blocks; the wizard calls it on a worker.
 */
@FunctionalInterface
public interface RewardTrial {
    /** No engine to sample from. */
    RewardTrial NONE = (config, data) -> {
        throw new IllegalStateException("This window has no engine to sample from.");
    };

    List<ScoredGroup> run(TrainingConfig config, TrainingData data);
}
