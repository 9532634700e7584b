package dev.whetstone.engine.run;

import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.RunDirectory;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.eval.ExactMatchSet;
import dev.whetstone.engine.event.RunEvent;
import dev.whetstone.engine.model.ModelLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Starts, resumes and extends fine-tuning runs (SFT, DPO, GRPO). Each run trains on its own thread through the
 * public {@link ServiceClient} / {@link TrainingClient} API and leaves the run journal of ARCHITECTURE.md
 * under {@code <home>/runs/<run-id>/}; a run that was killed resumes from its last complete checkpoint
 * with the same data order, so its loss curve continues exactly.
 */
public final class RunSupervisor {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final ServiceClient service;
    private final Path home;
    private final Path runsDir;

    public RunSupervisor(ServiceClient service, Path home) {
        this.service = service;
        this.home = home;
        this.runsDir = home.resolve("runs");
    }

    /**
     * The folder of run {@code runId}.
     *
     * @throws IllegalArgumentException if the id is not a valid name, or the folder is a link out of the runs folder
     */
    public Path runDir(String runId) {
        return RunDirectory.of(runsDir, runId);
    }

    /**
     * Starts a new run of {@code config} on {@code data}.
     *
     * @throws dev.whetstone.engine.data.DatasetException when the config's held-out exact-match file is missing or
     *                                                    has a bad line (the message names file:line); no run is created
     */
    public RunHandle start(TrainingConfig config, TrainingData data) {
        ExactMatchEvaluator exactMatch = exactMatch(config);
        String runId = config.runId() != null ? config.runId() : newRunId(config.objective());
        TrainingConfig stored = config.withRunId(runId);
        RunJournal journal = RunJournal.create(runDir(runId), new StoredRun(stored, RunCard.of(data, inputs(stored))));
        long total = stored.totalSteps(data.examples());
        journal.event(new RunEvent.RunStarted(runId, stored.baseModel(), total, data.examples(),
                data.heldoutExamples(), data.truncatedExamples()));
        TrainingClient client = stored.method() == TrainingConfig.Method.FULL
                ? service.createFullTrainingClient(stored.baseModel(), runId)
                : service.createLoraTrainingClient(stored.baseModel(), stored.seededLora(), runId);
        if (stored.fromCheckpoint() != null) {
            startFrom(stored.fromCheckpoint(), client, journal);
        }
        return launch(stored, data, journal, client, 0, total, List.of(), exactMatch, List.of());
    }

    /** Loads {@code path}'s weights into a new run's client (optimizer fresh); on failure closes both and says why. */
    private static void startFrom(String path, TrainingClient client, RunJournal journal) {
        try {
            client.loadState(path).join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
            journal.event(new RunEvent.RunFailed(0, "could not start from " + path + ": " + cause.getMessage()));
            RunThread.closeAll(null, client, journal);
            throw new IllegalArgumentException("could not start from checkpoint " + path + ": " + cause.getMessage()
                    + " (it must be a training or sampler checkpoint of the same base model and LoRA rank)", cause);
        }
    }

    /** Resumes run {@code runId} from its last complete checkpoint (after a crash or a stop). */
    public RunHandle resume(String runId, TrainingData data) {
        Path dir = runDir(runId);
        TrainingConfig config = RunJournal.readConfig(dir);
        return resumeWith(config, RunJournal.open(dir), data);
    }

    /** Runs {@code runId} for {@code extraSteps} more optimizer steps, from its last checkpoint. */
    public RunHandle extend(String runId, int extraSteps, TrainingData data) {
        if (extraSteps < 1) {
            throw new IllegalArgumentException("extraSteps must be >= 1, was " + extraSteps);
        }
        Path dir = runDir(runId);
        TrainingConfig config = RunJournal.readConfig(dir);
        long done = lastCheckpoint(dir).step();
        TrainingConfig extended = config.withBatching(config.batchSize(), config.epochs(), Math.toIntExact(done + extraSteps));
        RunJournal journal = RunJournal.open(dir);
        journal.rewriteConfig(extended);
        return resumeWith(extended, journal, data);
    }

    /**
     * Starts run {@code newRunId}, a branch of {@code runId} from its training checkpoint {@code checkpointName}
     * ({@code tinker://<runId>/weights/<checkpointName>}): the same config, the checkpoint's weights and
     * optimizer state, continuing at its step with the same data order, so with the same data its losses are
     * the ones {@code runId} had after that step. The branch's {@code metrics.jsonl} starts with the source's
     * lines up to that step, so its curves continue; the source run is not touched.
     *
     * <p>Example: {@code supervisor.branch("r1", "000010", "r1-from-000010", data)}
     *
     * @throws CheckpointNotFoundException when the run has no such checkpoint (never saved, or deleted)
     */
    public RunHandle branch(String runId, String checkpointName, String newRunId, TrainingData data) {
        Path source = runDir(runId);
        CheckpointLine at = checkpointNamed(source, checkpointName);
        long step = at.step();
        String state = at.statePath().toString();
        TrainingConfig config = RunJournal.readConfig(source).withRunId(newRunId);
        ExactMatchEvaluator exactMatch = exactMatch(config);
        RunCard card = RunCard.of(data, inputs(config)).branchedFrom(at.statePath(), step);
        RunJournal journal = RunJournal.create(runDir(newRunId), new StoredRun(config, card));
        journal.copyMetricsUpTo(source, step);
        copyReference(source, journal.dir());
        long total = config.totalSteps(data.examples());
        journal.event(new RunEvent.RunStarted(newRunId, config.baseModel(), total, data.examples(),
                data.heldoutExamples(), data.truncatedExamples()));
        journal.event(new RunEvent.RunResumed(step, state, total));
        TrainingClient client;
        try {
            client = service.createTrainingClientFromStateWithOptimizer(state, newRunId);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return launch(config, data, journal, client, step, total, List.of(), exactMatch, List.of());
    }

    /** A branch of a DPO run keeps its source's reference log-probabilities (the weights have moved since step 0). */
    private static void copyReference(Path source, Path target) {
        Path file = source.resolve(ReferenceLogprobs.FILE);
        if (Files.isRegularFile(file)) {
            try {
                dev.whetstone.engine.checkpoint.AtomicDirectory.replaceFile(target.resolve(ReferenceLogprobs.FILE),
                        Files.readAllBytes(file));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("could not copy " + file, e);
            }
        }
    }

    /** The newest checkpoints.jsonl line named {@code name} whose training state still exists. */
    private CheckpointLine checkpointNamed(Path dir, String name) {
        String runId = dir.getFileName().toString();
        String wanted = new TinkerPath(runId, TinkerPath.Kind.WEIGHTS, name).toString();
        boolean exists = service.checkpoints().listCheckpoints(runId).stream().anyMatch(c -> c.tinkerPath().equals(wanted));
        List<CheckpointLine> lines = RunJournal.checkpoints(dir);
        for (int i = lines.size() - 1; i >= 0 && exists; i--) {
            if (lines.get(i).statePath().toString().equals(wanted)) {
                return lines.get(i);
            }
        }
        throw new CheckpointNotFoundException(wanted + " is not a saved training checkpoint of run '" + runId
                + "' (never saved, or deleted by retention); choose one listed under its run in Checkpoints");
    }

    /**
     * Continues from the last complete checkpoint; a run killed before its first checkpoint was complete starts
     * again from the base model (the same seed gives the same start), so no run is ever stuck. What a killed writer
     * left half-written is cleared first.
     */
    private RunHandle resumeWith(TrainingConfig config, RunJournal journal, TrainingData data) {
        ExactMatchEvaluator exactMatch = exactMatch(config);
        String runId = journal.dir().getFileName().toString();
        RunDirectory.clearUnfinishedWrites(journal.dir());
        List<CheckpointLine> checkpoints = RunJournal.checkpoints(journal.dir());
        finishPruning(runId, checkpoints);
        CheckpointLine last = lastCheckpointOrNull(journal.dir());
        long step = last == null ? 0 : last.step();
        String state = last == null ? null : last.statePath().toString();
        List<InputChange> changes = changedInputs(journal.dir(), config);
        journal.truncateMetricsAfter(step);
        long total = config.totalSteps(data.examples());
        for (InputChange change : changes) {
            RunInput was = change.recorded();
            journal.event(new RunEvent.InputChanged(was.role().id(), was.path(), was.sha256(), change.currentSha256(),
                    change.message()));
        }
        journal.event(new RunEvent.RunResumed(step, state, total));
        TrainingClient client = state != null ? service.createTrainingClientFromStateWithOptimizer(state, runId)
                : config.method() == TrainingConfig.Method.FULL ? service.createFullTrainingClient(config.baseModel(), runId)
                : service.createLoraTrainingClient(config.baseModel(), config.seededLora(), runId);
        return launch(config, data, journal, client, step, total, state == null ? List.of() : checkpoints, exactMatch, changes);
    }

    /**
     * Deletes the periodic checkpoints the journal no longer names: retention drops a checkpoint from the journal
     * before deleting its folders, so these are the ones a kill interrupted.
     */
    private void finishPruning(String runId, List<CheckpointLine> journaled) {
        java.util.Set<String> named = new java.util.HashSet<>();
        journaled.forEach(line -> named.add(line.name()));
        for (dev.whetstone.engine.Checkpoint c : service.checkpoints().listCheckpoints(runId)) {
            String name = TinkerPath.parse(c.tinkerPath()).name();
            if (name.matches("\\d{6}") && !named.contains(name)) {
                service.checkpoints().delete(c.tinkerPath());
            }
        }
    }

    /**
     * The inputs of run {@code runId} that are not as its run card recorded them when it began (changed or gone),
     * by the SHA-256 of each file now; empty for a run whose card records none (written before the card had them).
     * A resume or an extension goes on regardless, with a warning for each (an {@code input_changed} event, and
     * {@link RunHandle#inputChanges()}).
     */
    public List<InputChange> changedInputs(String runId) {
        Path dir = runDir(runId);
        return changedInputs(dir, RunJournal.readConfig(dir));
    }

    private List<InputChange> changedInputs(Path dir, TrainingConfig config) {
        List<RunInput> recorded = RunJournal.readRun(dir).runCard().inputs();
        return recorded.isEmpty() ? List.of() : RunInputs.changes(recorded, inputs(config));
    }

    /** The fingerprints of {@code config}'s inputs on this machine (model files only when its base model is local). */
    private List<RunInput> inputs(TrainingConfig config) {
        Path modelDir;
        try {
            modelDir = ModelLocator.resolve(config.baseModel(), home);
        } catch (RuntimeException notHere) {
            modelDir = null;   // not a local folder or cached repo: the engine that loads it reports what is wrong
        }
        return RunInputs.of(config, modelDir);
    }

    /** The held-out exact-match evaluator the config names, read and checked now; null when it names none. */
    private static ExactMatchEvaluator exactMatch(TrainingConfig config) {
        return config.evalExactMatchFile() == null ? null
                : new ExactMatchEvaluator(ExactMatchSet.read(Path.of(config.evalExactMatchFile())));
    }

    /** The newest checkpoints.jsonl line whose checkpoint still exists. */
    private CheckpointLine lastCheckpoint(Path dir) {
        CheckpointLine last = lastCheckpointOrNull(dir);
        if (last == null) {
            throw new CheckpointNotFoundException("run '" + dir.getFileName() + "' has no complete checkpoint ("
                    + dir.resolve(RunJournal.CHECKPOINTS_FILE) + "); resume it to start it again from the base model");
        }
        return last;
    }

    /** The newest checkpoints.jsonl line whose checkpoint still exists, or null when none does. */
    private CheckpointLine lastCheckpointOrNull(Path dir) {
        List<CheckpointLine> lines = RunJournal.checkpoints(dir);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String path = lines.get(i).statePath().toString();
            try {
                service.checkpoints().listCheckpoints(lines.get(i).statePath().runId()).stream()
                        .filter(c -> c.tinkerPath().equals(path)).findFirst().orElseThrow(() -> new CheckpointNotFoundException(path));
                return lines.get(i);
            } catch (CheckpointNotFoundException | IllegalArgumentException gone) {
                // deleted by retention or never completed: try the one before
            }
        }
        return null;
    }

    private RunHandle launch(TrainingConfig config, TrainingData data, RunJournal journal, TrainingClient client,
                             long startStep, long total, List<CheckpointLine> earlier, ExactMatchEvaluator exactMatch,
                             List<InputChange> inputChanges) {
        RunControls controls = new RunControls();
        RunThread.Loops loops = (on, from, known) -> {
            RunLoop loop = new RunLoop(config, data, journal, on, service.checkpoints(), controls, from, total, exactMatch);
            for (CheckpointLine c : known) {
                if (c.step() <= from) {
                    loop.knownCheckpoint(c.name(), c.step(), c.statePath().toString(),
                            c.samplerPath() == null ? null : c.samplerPath().toString());
                }
            }
            return loop;
        };
        CompletableFuture<RunOutcome> completion = new RunThread(service, journal, total, loops, this::lastCheckpoint)
                .start(client, startStep, earlier);
        return new RunHandle(journal, controls, completion, inputChanges);
    }

    /** A fresh run id: {@code sft-<yyyyMMdd-HHmmss>-<4 hex>}. */
    public static String newRunId() {
        return newRunId(TrainingConfig.Objective.SFT);
    }

    /** A fresh run id named for its method: {@code dpo-<yyyyMMdd-HHmmss>-<4 hex>}. */
    public static String newRunId(TrainingConfig.Objective objective) {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return objective.wireName() + "-" + LocalDateTime.now().format(RUN_TIME) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code runId} has a run folder (the id must be a valid name). */
    public boolean exists(String runId) {
        return Files.isRegularFile(runDir(runId).resolve(RunJournal.RUN_FILE));
    }
}
