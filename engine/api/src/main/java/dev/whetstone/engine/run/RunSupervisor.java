package dev.whetstone.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.whetstone.engine.CheckpointNotFoundException;
import dev.whetstone.engine.ServiceClient;
import dev.whetstone.engine.TrainingClient;
import dev.whetstone.engine.checkpoint.RunDirectory;
import dev.whetstone.engine.checkpoint.TinkerPath;
import dev.whetstone.engine.eval.ExactMatchEvaluator;
import dev.whetstone.engine.eval.ExactMatchSet;
import dev.whetstone.engine.event.RunEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Starts, resumes and extends supervised fine-tuning runs. Each run trains on its own thread through the
 * public {@link ServiceClient} / {@link TrainingClient} API and leaves the run journal of ARCHITECTURE.md
 * under {@code <home>/runs/<run-id>/}; a run that was killed resumes from its last complete checkpoint
 * with the same data order, so its loss curve continues exactly.
 */
public final class RunSupervisor {
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final ServiceClient service;
    private final Path runsDir;

    public RunSupervisor(ServiceClient service, Path home) {
        this.service = service;
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
        String runId = config.runId() != null ? config.runId() : newRunId();
        TrainingConfig stored = config.withRunId(runId);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("engine_version", "0.1.0");
        card.put("train_examples", data.train().size());
        card.put("validation_examples", data.validation().size());
        card.put("truncated_examples", data.truncatedExamples());
        card.put("created", java.time.Instant.now().toString());
        RunJournal journal = RunJournal.create(runDir(runId), stored, card);
        long total = stored.totalSteps(data.train().size());
        journal.event(new RunEvent.RunStarted(runId, stored.baseModel(), total, data.train().size(),
                data.validation().size(), data.truncatedExamples()));
        TrainingClient client = stored.method() == TrainingConfig.Method.FULL
                ? service.createFullTrainingClient(stored.baseModel(), runId)
                : service.createLoraTrainingClient(stored.baseModel(), stored.seededLora(), runId);
        return launch(stored, data, journal, client, 0, total, List.of(), exactMatch);
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
        long done = lastCheckpoint(dir).path("step").asLong();
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
        JsonNode at = checkpointNamed(source, checkpointName);
        long step = at.path("step").asLong();
        String state = at.path("state_path").asText();
        TrainingConfig config = RunJournal.readConfig(source).withRunId(newRunId);
        ExactMatchEvaluator exactMatch = exactMatch(config);
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("engine_version", "0.1.0");
        card.put("train_examples", data.train().size());
        card.put("validation_examples", data.validation().size());
        card.put("truncated_examples", data.truncatedExamples());
        card.put("created", java.time.Instant.now().toString());
        card.put("branched_from", state);
        card.put("branched_at_step", step);
        RunJournal journal = RunJournal.create(runDir(newRunId), config, card);
        journal.copyMetricsUpTo(source, step);
        long total = config.totalSteps(data.train().size());
        journal.event(new RunEvent.RunStarted(newRunId, config.baseModel(), total, data.train().size(),
                data.validation().size(), data.truncatedExamples()));
        journal.event(new RunEvent.RunResumed(step, state, total));
        TrainingClient client;
        try {
            client = service.createTrainingClientFromStateWithOptimizer(state, newRunId);
        } catch (RuntimeException e) {
            journal.close();
            throw e;
        }
        return launch(config, data, journal, client, step, total, List.of(), exactMatch);
    }

    /** The newest checkpoints.jsonl line named {@code name} whose training state still exists. */
    private JsonNode checkpointNamed(Path dir, String name) {
        String runId = dir.getFileName().toString();
        String wanted = new TinkerPath(runId, TinkerPath.Kind.WEIGHTS, name).toString();
        boolean exists = service.checkpoints().listCheckpoints(runId).stream().anyMatch(c -> c.tinkerPath().equals(wanted));
        List<JsonNode> lines = RunJournal.checkpoints(dir);
        for (int i = lines.size() - 1; i >= 0 && exists; i--) {
            if (lines.get(i).path("state_path").asText().equals(wanted)) {
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
        List<JsonNode> checkpoints = RunJournal.checkpoints(journal.dir());
        finishPruning(runId, checkpoints);
        JsonNode last = lastCheckpointOrNull(journal.dir());
        long step = last == null ? 0 : last.path("step").asLong();
        String state = last == null ? null : last.path("state_path").asText();
        journal.truncateMetricsAfter(step);
        long total = config.totalSteps(data.train().size());
        journal.event(new RunEvent.RunResumed(step, state, total));
        TrainingClient client = state != null ? service.createTrainingClientFromStateWithOptimizer(state, runId)
                : config.method() == TrainingConfig.Method.FULL ? service.createFullTrainingClient(config.baseModel(), runId)
                : service.createLoraTrainingClient(config.baseModel(), config.seededLora(), runId);
        return launch(config, data, journal, client, step, total, state == null ? List.of() : checkpoints, exactMatch);
    }

    /**
     * Deletes the periodic checkpoints the journal no longer names: retention drops a checkpoint from the journal
     * before deleting its folders, so these are the ones a kill interrupted.
     */
    private void finishPruning(String runId, List<JsonNode> journaled) {
        java.util.Set<String> named = new java.util.HashSet<>();
        journaled.forEach(line -> named.add(line.path("name").asText()));
        for (dev.whetstone.engine.Checkpoint c : service.checkpoints().listCheckpoints(runId)) {
            String name = TinkerPath.parse(c.tinkerPath()).name();
            if (name.matches("\\d{6}") && !named.contains(name)) {
                service.checkpoints().delete(c.tinkerPath());
            }
        }
    }

    /** The held-out exact-match evaluator the config names, read and checked now; null when it names none. */
    private static ExactMatchEvaluator exactMatch(TrainingConfig config) {
        return config.evalExactMatchFile() == null ? null
                : new ExactMatchEvaluator(ExactMatchSet.read(Path.of(config.evalExactMatchFile())));
    }

    /** The newest checkpoints.jsonl line whose checkpoint still exists. */
    private JsonNode lastCheckpoint(Path dir) {
        JsonNode last = lastCheckpointOrNull(dir);
        if (last == null) {
            throw new CheckpointNotFoundException("run '" + dir.getFileName() + "' has no complete checkpoint ("
                    + dir.resolve(RunJournal.CHECKPOINTS_FILE) + "); resume it to start it again from the base model");
        }
        return last;
    }

    /** The newest checkpoints.jsonl line whose checkpoint still exists, or null when none does. */
    private JsonNode lastCheckpointOrNull(Path dir) {
        List<JsonNode> lines = RunJournal.checkpoints(dir);
        for (int i = lines.size() - 1; i >= 0; i--) {
            String path = lines.get(i).path("state_path").asText();
            try {
                service.checkpoints().listCheckpoints(TinkerPath.parse(path).runId()).stream()
                        .filter(c -> c.tinkerPath().equals(path)).findFirst().orElseThrow(() -> new CheckpointNotFoundException(path));
                return lines.get(i);
            } catch (CheckpointNotFoundException | IllegalArgumentException gone) {
                // deleted by retention or never completed: try the one before
            }
        }
        return null;
    }

    private RunHandle launch(TrainingConfig config, TrainingData data, RunJournal journal, TrainingClient client,
                             long startStep, long total, List<JsonNode> earlier, ExactMatchEvaluator exactMatch) {
        RunControls controls = new RunControls();
        RunLoop loop = new RunLoop(config, data, journal, client, service.checkpoints(), controls, startStep, total, exactMatch);
        for (JsonNode c : earlier) {
            if (c.path("step").asLong() <= startStep) {
                loop.knownCheckpoint(c.path("name").asText(), c.path("step").asLong(), c.path("state_path").asText(),
                        c.path("sampler_path").asText(null));
            }
        }
        CompletableFuture<RunOutcome> completion = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            RunOutcome outcome = null;
            Throwable failure = null;
            try {
                outcome = loop.run();
            } catch (Throwable t) {
                failure = t;
            } finally {
                // before completing: a caller may close the service right after join()
                failure = closeAll(failure, client, journal);
            }
            if (failure == null) {
                completion.complete(outcome);
            } else {
                completion.completeExceptionally(failure);
            }
        }, "whetstone-run-" + journal.dir().getFileName());
        thread.setDaemon(true);
        RunHandle handle = new RunHandle(journal, controls, completion);
        thread.start();
        return handle;
    }

    private static Throwable closeAll(Throwable failure, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }

    /** A fresh run id: {@code sft-<yyyyMMdd-HHmmss>-<4 hex>}. */
    public static String newRunId() {
        byte[] bytes = new byte[2];
        new SecureRandom().nextBytes(bytes);
        return "sft-" + LocalDateTime.now().format(RUN_TIME) + "-" + HexFormat.of().formatHex(bytes);
    }

    /** Whether {@code runId} has a run folder (the id must be a valid name). */
    public boolean exists(String runId) {
        return Files.isRegularFile(runDir(runId).resolve(RunJournal.RUN_FILE));
    }
}
