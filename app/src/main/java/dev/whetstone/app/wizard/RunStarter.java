package dev.whetstone.app.wizard;

import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingData;

/** Starts a run: {@code RunSupervisor::start} in the app, a stand-in in view-model tests. Blocks briefly. */
@FunctionalInterface
public interface RunStarter {
    RunHandle start(TrainingConfig config, TrainingData data);
}
