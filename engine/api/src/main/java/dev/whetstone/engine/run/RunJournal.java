package dev.whetstone.engine.run;

import dev.whetstone.engine.checkpoint.AtomicDirectory;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The files of one run under {@code runs/<run-id>/} (ARCHITECTURE.md): {@code run.json} (the config and
 * run card), {@code events.jsonl}, {@code metrics.jsonl} (one line per step, eval lines carry
 * {@code eval_loss}, scores their name) and {@code checkpoints.jsonl} (one line per complete checkpoint with its loop state),
 * each written and read through {@link RunFileCodec}. The app's views and a resumed run are rebuilt from
 * these files alone.
 */
public final class RunJournal implements AutoCloseable {
    public static final String RUN_FILE = "run.json";
    public static final String EVENTS_FILE = "events.jsonl";
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String CHECKPOINTS_FILE = "checkpoints.jsonl";

    private final Path dir;
    private final EventJournal events;
    private final List<Consumer<MetricsLine>> metricsListeners = new CopyOnWriteArrayList<>();

    private RunJournal(Path dir) {
        this.dir = dir;
        this.events = EventJournal.open(dir.resolve(EVENTS_FILE));
    }

    /** Creates a new run folder with {@code run.json}; an existing run is an error that says so. */
    public static RunJournal create(Path dir, StoredRun run) {
        if (Files.exists(dir.resolve(RUN_FILE))) {
            throw new IllegalArgumentException("run '" + dir.getFileName() + "' already exists in " + dir.getParent()
                    + "; choose another run id, or resume or extend it");
        }
        try {
            Files.createDirectories(dir);
            AtomicDirectory.replaceFile(dir.resolve(RUN_FILE), RunFileCodec.encode(run));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the run folder " + dir, e);
        }
        return new RunJournal(dir);
    }

    /** Opens an existing run folder for appending. */
    public static RunJournal open(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RUN_FILE))) {
            throw new IllegalArgumentException("there is no run in " + dir + " (no " + RUN_FILE + ")");
        }
        return new RunJournal(dir);
    }

    /** What {@code <dir>/run.json} holds: the config and the run card. */
    public static StoredRun readRun(Path dir) {
        return RunFileCodec.readRun(dir.resolve(RUN_FILE));
    }

    /** The config stored in {@code <dir>/run.json}. */
    public static TrainingConfig readConfig(Path dir) {
        return readRun(dir).config();
    }

    /** Replaces the stored config (an extension changes the step count), keeping the run card as it was written. */
    public void rewriteConfig(TrainingConfig config) {
        try {
            AtomicDirectory.replaceFile(dir.resolve(RUN_FILE), RunFileCodec.encode(readRun(dir).withConfig(config)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not update " + dir.resolve(RUN_FILE), e);
        }
    }

    public Path dir() {
        return dir;
    }

    public EventJournal events() {
        return events;
    }

    /** Appends an event. */
    public EventJournal.Entry event(RunEvent event) {
        return events.append(event);
    }

    /** Appends one line to {@code metrics.jsonl} and hands it to the metrics listeners. */
    public void metrics(MetricsLine line) {
        RunFileCodec.append(dir.resolve(METRICS_FILE), RunFileCodec.encode(line));
        metricsListeners.forEach(l -> l.accept(line));
    }

    /** Calls {@code listener} with every metrics line appended from now on (on the run's thread). */
    public void addMetricsListener(Consumer<MetricsLine> listener) {
        metricsListeners.add(listener);
    }

    /** Appends one line to {@code checkpoints.jsonl}. */
    public void checkpoint(CheckpointLine line) {
        RunFileCodec.append(dir.resolve(CHECKPOINTS_FILE), RunFileCodec.encode(line));
    }

    /**
     * Drops the lines of checkpoint {@code name} from {@code checkpoints.jsonl}, atomically: retention calls it before
     * deleting the checkpoint, so the journal never lists a checkpoint that is gone.
     */
    public void forgetCheckpoint(String name) {
        StringBuilder kept = new StringBuilder();
        for (String line : RunFileCodec.rawLines(dir.resolve(CHECKPOINTS_FILE))) {
            CheckpointLine checkpoint;
            try {
                checkpoint = RunFileCodec.decodeCheckpoint(line);
            } catch (IllegalArgumentException torn) {
                continue;
            }
            if (!checkpoint.name().equals(name)) {
                kept.append(line).append('\n');
            }
        }
        try {
            AtomicDirectory.replaceFile(dir.resolve(CHECKPOINTS_FILE), kept.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite " + dir.resolve(CHECKPOINTS_FILE), e);
        }
    }

    /** Every complete line of {@code checkpoints.jsonl}. */
    public static List<CheckpointLine> checkpoints(Path dir) {
        return RunFileCodec.readLines(dir.resolve(CHECKPOINTS_FILE), line -> List.of(RunFileCodec.decodeCheckpoint(line)));
    }

    /** Every metric of the complete lines of {@code metrics.jsonl}, in order. */
    public static List<MetricsLine> metrics(Path dir) {
        return RunFileCodec.readLines(dir.resolve(METRICS_FILE), RunFileCodec::decodeMetrics);
    }

    /** The supervised training-step lines of {@code metrics.jsonl}, in order. */
    public static List<MetricsLine.Step> steps(Path dir) {
        return metrics(dir).stream().flatMap(m -> m instanceof MetricsLine.Step s ? Stream.of(s) : Stream.empty()).toList();
    }

    /** The step lines of {@code metrics.jsonl} of any method (SFT, DPO, GRPO), in order. */
    public static List<MetricsLine.TrainingStep> trainingSteps(Path dir) {
        return metrics(dir).stream()
                .flatMap(m -> m instanceof MetricsLine.TrainingStep s ? Stream.of(s) : Stream.empty()).toList();
    }

    /** The scores named {@code name} (e.g. {@code eval/exact_match}) in {@code metrics.jsonl}, in order. */
    public static List<MetricsLine.Score> scores(Path dir, String name) {
        return metrics(dir).stream()
                .flatMap(m -> m instanceof MetricsLine.Score s && s.name().equals(name) ? Stream.of(s) : Stream.empty()).toList();
    }

    /** Starts this run's {@code metrics.jsonl} with the lines of run {@code source} up to {@code step} (a branch). */
    public void copyMetricsUpTo(Path source, long step) {
        writeMetricsUpTo(source, step, "could not write ");
    }

    /** Drops metrics lines after {@code step} (a resumed run recomputes them), atomically. */
    public void truncateMetricsAfter(long step) {
        writeMetricsUpTo(dir, step, "could not rewrite ");
    }

    /** Writes the lines of {@code source}'s metrics up to {@code step} as this run's, verbatim (lines this engine cannot read too). */
    private void writeMetricsUpTo(Path source, long step, String failure) {
        StringBuilder kept = new StringBuilder();
        for (String line : RunFileCodec.rawLines(source.resolve(METRICS_FILE))) {
            List<MetricsLine> metrics;
            try {
                metrics = RunFileCodec.decodeMetrics(line);
            } catch (IllegalArgumentException torn) {
                continue;
            }
            if (!metrics.isEmpty() && metrics.stream().allMatch(m -> m.step() <= step)) {
                kept.append(line).append('\n');
            }
        }
        try {
            AtomicDirectory.replaceFile(dir.resolve(METRICS_FILE), kept.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(failure + dir.resolve(METRICS_FILE), e);
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
