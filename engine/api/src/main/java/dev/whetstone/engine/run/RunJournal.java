package dev.whetstone.engine.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.whetstone.engine.checkpoint.AtomicDirectory;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files of one run under {@code runs/<run-id>/} (ARCHITECTURE.md): {@code run.json} (the config and
 * run card), {@code events.jsonl}, {@code metrics.jsonl} (one line per step, eval lines carry
 * {@code eval_loss}) and {@code checkpoints.jsonl} (one line per complete checkpoint with its loop state).
 * The app's views and a resumed run are rebuilt from these files alone.
 */
public final class RunJournal implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final ObjectMapper PRETTY = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
    public static final String RUN_FILE = "run.json";
    public static final String EVENTS_FILE = "events.jsonl";
    public static final String METRICS_FILE = "metrics.jsonl";
    public static final String CHECKPOINTS_FILE = "checkpoints.jsonl";

    private final Path dir;
    private final EventJournal events;
    private final List<java.util.function.Consumer<Map<String, Object>>> metricsListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private RunJournal(Path dir) {
        this.dir = dir;
        this.events = EventJournal.open(dir.resolve(EVENTS_FILE));
    }

    /** Creates a new run folder with {@code run.json}; an existing run is an error that says so. */
    public static RunJournal create(Path dir, TrainingConfig config, Map<String, Object> runCard) {
        if (Files.exists(dir.resolve(RUN_FILE))) {
            throw new IllegalArgumentException("run '" + dir.getFileName() + "' already exists in " + dir.getParent()
                    + "; choose another run id, or resume or extend it");
        }
        try {
            Files.createDirectories(dir);
            ObjectNode root = PRETTY.createObjectNode();
            root.set("config", JSON.valueToTree(config));
            root.set("run_card", JSON.valueToTree(runCard));
            AtomicDirectory.replaceFile(dir.resolve(RUN_FILE), PRETTY.writeValueAsBytes(root));
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

    /** The config stored in {@code <dir>/run.json}. */
    public static TrainingConfig readConfig(Path dir) {
        try {
            return JSON.treeToValue(JSON.readTree(dir.resolve(RUN_FILE).toFile()).get("config"), TrainingConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(dir.resolve(RUN_FILE) + " is not a readable run config: " + e.getMessage(), e);
        }
    }

    /** Replaces the stored config (an extension changes the step count), keeping the run card. */
    public void rewriteConfig(TrainingConfig config) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(dir.resolve(RUN_FILE).toFile());
            root.set("config", JSON.valueToTree(config));
            AtomicDirectory.replaceFile(dir.resolve(RUN_FILE), PRETTY.writeValueAsBytes(root));
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
    public void metrics(Map<String, Object> line) {
        appendLine(METRICS_FILE, line);
        metricsListeners.forEach(l -> l.accept(line));
    }

    /** Calls {@code listener} with every metrics line appended from now on (on the run's thread). */
    public void addMetricsListener(java.util.function.Consumer<Map<String, Object>> listener) {
        metricsListeners.add(listener);
    }

    /** Appends one line to {@code checkpoints.jsonl}. */
    public void checkpoint(Map<String, Object> line) {
        appendLine(CHECKPOINTS_FILE, line);
    }

    /**
     * Drops the lines of checkpoint {@code name} from {@code checkpoints.jsonl}, atomically: retention calls it before
     * deleting the checkpoint, so the journal never lists a checkpoint that is gone.
     */
    public void forgetCheckpoint(String name) {
        StringBuilder kept = new StringBuilder();
        for (JsonNode line : checkpoints(dir)) {
            if (!line.path("name").asText().equals(name)) {
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
    public static List<JsonNode> checkpoints(Path dir) {
        return lines(dir.resolve(CHECKPOINTS_FILE));
    }

    /** Every complete line of {@code metrics.jsonl}. */
    public static List<JsonNode> metrics(Path dir) {
        return lines(dir.resolve(METRICS_FILE));
    }

    /** Starts this run's {@code metrics.jsonl} with the lines of run {@code source} up to {@code step} (a branch). */
    public void copyMetricsUpTo(Path source, long step) {
        StringBuilder kept = new StringBuilder();
        for (JsonNode line : metrics(source)) {
            if (line.path("step").asLong() <= step) {
                kept.append(line).append('\n');
            }
        }
        try {
            AtomicDirectory.replaceFile(dir.resolve(METRICS_FILE), kept.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(METRICS_FILE), e);
        }
    }

    /** Drops metrics lines after {@code step} (a resumed run recomputes them), atomically. */
    public void truncateMetricsAfter(long step) {
        StringBuilder kept = new StringBuilder();
        for (JsonNode line : metrics(dir)) {
            if (line.path("step").asLong() <= step) {
                kept.append(line).append('\n');
            }
        }
        try {
            AtomicDirectory.replaceFile(dir.resolve(METRICS_FILE), kept.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not rewrite " + dir.resolve(METRICS_FILE), e);
        }
    }

    private void appendLine(String file, Map<String, Object> line) {
        try {
            Files.writeString(dir.resolve(file), JSON.writeValueAsString(line) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + dir.resolve(file), e);
        }
    }

    private static List<JsonNode> lines(Path file) {
        List<JsonNode> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    try {
                        out.add(JSON.readTree(line));
                    } catch (IOException torn) {
                        // a line cut by a crash
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return out;
    }

    @Override
    public void close() {
        events.close();
    }
}
