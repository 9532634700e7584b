package dev.whetstone.app.runs;

import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.model.ModelLocator;
import dev.whetstone.engine.run.RunHandle;
import dev.whetstone.engine.run.RunJournal;
import dev.whetstone.engine.run.RunSupervisor;
import dev.whetstone.engine.run.TrainingConfig;
import dev.whetstone.engine.run.TrainingData;
import dev.whetstone.engine.run.TrainingDataLoader;
import dev.whetstone.engine.tokenizer.HfTokenizer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Starts, resumes and extends supervised runs for the desktop app: loads the run's data with its base
 * model's tokenizer (slow: call it on a worker), then hands over to the {@link RunSupervisor}.
 *
 * <p>Example: {@code RunHandle run = launcher.resume("r1");}
 */
public final class RunLauncher {
    private final ServiceClient service;
    private final Path home;
    private final RunSupervisor supervisor;

    public RunLauncher(ServiceClient service, Path home) {
        this.service = Objects.requireNonNull(service, "service");
        this.home = Objects.requireNonNull(home, "home");
        this.supervisor = new RunSupervisor(service, home);
    }

    /** Starts a new run of {@code config}. */
    public RunHandle start(TrainingConfig config) {
        return supervisor.start(config, data(config));
    }

    /** Resumes {@code runId} from its last complete checkpoint. */
    public RunHandle resume(String runId) {
        return supervisor.resume(runId, data(RunJournal.readConfig(supervisor.runDir(runId))));
    }

    /** Runs {@code runId} for {@code extraSteps} more steps. */
    public RunHandle extend(String runId, int extraSteps) {
        return supervisor.extend(runId, extraSteps, data(RunJournal.readConfig(supervisor.runDir(runId))));
    }

    /**
     * Starts {@code newRunId}, a branch of {@code runId} from its training checkpoint {@code checkpointName}
     * (weights and optimizer state, same config and data order, continuing at that checkpoint's step).
     */
    public RunHandle branch(String runId, String checkpointName, String newRunId) {
        return supervisor.branch(runId, checkpointName, newRunId, data(RunJournal.readConfig(supervisor.runDir(runId))));
    }

    /** Whether run {@code runId} exists (has a run folder). */
    public boolean exists(String runId) {
        return supervisor.exists(runId);
    }

    /** The folder of run {@code runId}. */
    public Path runDir(String runId) {
        return supervisor.runDir(runId);
    }

    /** The engine this launcher trains with. */
    public ServiceClient service() {
        return service;
    }

    private TrainingData data(TrainingConfig config) {
        try (HfTokenizer tokenizer = HfTokenizer.load(ModelLocator.resolve(config.baseModel(), home), config.baseModel())) {
            return TrainingDataLoader.load(config, tokenizer).data();
        }
    }
}
