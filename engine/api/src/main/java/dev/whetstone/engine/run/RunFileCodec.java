package dev.whetstone.engine.run;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.event.EventJournal;
import dev.whetstone.engine.event.RunEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one reader and writer of a run's files (README, "Files a run writes"): {@code run.json} ({@link StoredRun}),
 * the lines of {@code metrics.jsonl} ({@link MetricsLine}), {@code checkpoints.jsonl} ({@link CheckpointLine})
 * and {@code events.jsonl} ({@link EventJournal.Entry}), and the run queue. It owns the Jackson settings: unknown
 * fields are ignored (files from newer engines still open), times are ISO-8601 strings, {@code run.json} is
 * indented, lines are compact. Reading a {@code .jsonl} file skips a torn line (a crash mid-write).
 */
public final class RunFileCodec {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .addModule(new JavaTimeModule())
            .build();
    private static final ObjectWriter PRETTY = JSON.writerWithDefaultPrettyPrinter();
    private static final String STEP = "step";
    /** The field that makes a step line a DPO step, and the one that makes it a GRPO step. */
    private static final String DPO_STEP = "chosen_reward";
    private static final String GRPO_STEP = "reward_mean";
    /** How Jackson writes a non-finite double (as a string, so the line stays JSON). */
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private RunFileCodec() {
    }

    /** {@code run.json}'s bytes. */
    public static byte[] encode(StoredRun run) {
        try {
            return PRETTY.writeValueAsBytes(run);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the run file of " + run.config().runId(), e);
        }
    }

    /** Reads a {@code run.json}; a file that is not one is an IllegalArgumentException naming it and what is wrong. */
    public static StoredRun readRun(Path file) {
        try {
            StoredRun run = JSON.readValue(file.toFile(), StoredRun.class);
            if (run == null) {
                throw new IOException("the file is empty");
            }
            return run;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " is not a readable run file (" + e.getMessage()
                    + "); restore it from a backup, or delete the run folder", e);
        }
    }

    /** One {@code metrics.jsonl} line: a step's and an eval's fields, or {@code {"step": s, "<name>": value}} for a score. */
    public static String encode(MetricsLine line) {
        if (line instanceof MetricsLine.Score s) {
            ObjectNode node = JSON.createObjectNode();
            node.put(STEP, s.step());
            node.put(s.name(), s.value());
            return write(node);
        }
        return write(line);
    }

    /**
     * The metrics of one {@code metrics.jsonl} line: a line with {@code loss} is a step, a {@link MetricsLine.DpoStep}
     * when it has {@code chosen_reward}, a {@link MetricsLine.GrpoStep} when it has {@code reward_mean}, else a
     * {@link MetricsLine.Step}; one with {@code eval_loss} is an {@link MetricsLine.Eval}; on any other line each
     * numeric field but {@code step} is a {@link MetricsLine.Score}.
     *
     * @throws IllegalArgumentException when the line is not a JSON object with a {@code step}
     */
    public static List<MetricsLine> decodeMetrics(String line) {
        JsonNode node = tree(line);
        if (!node.path(STEP).canConvertToLong()) {
            throw new IllegalArgumentException("a metrics line needs a numeric \"step\": " + line);
        }
        try {
            if (node.has("loss")) {
                Class<? extends MetricsLine> type = node.has(DPO_STEP) ? MetricsLine.DpoStep.class
                        : node.has(GRPO_STEP) ? MetricsLine.GrpoStep.class : MetricsLine.Step.class;
                return List.of(JSON.treeToValue(node, type));
            }
            if (node.has("eval_loss")) {
                return List.of(JSON.treeToValue(node, MetricsLine.Eval.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metrics line (" + e.getOriginalMessage() + "): " + line, e);
        }
        List<MetricsLine> scores = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (!field.getKey().equals(STEP) && (value.isNumber() || NON_FINITE.contains(value.asText()))) {
                scores.add(new MetricsLine.Score(node.get(STEP).asLong(), field.getKey(),
                        value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText())));
            }
        }
        return scores;
    }

    /** One {@code checkpoints.jsonl} line. */
    public static String encode(CheckpointLine line) {
        return write(line);
    }

    /** The checkpoint of one {@code checkpoints.jsonl} line; IllegalArgumentException when it is not one. */
    public static CheckpointLine decodeCheckpoint(String line) {
        return read(line, CheckpointLine.class);
    }

    /** One {@code events.jsonl} line: {@code {"seq": 3, "time": "…Z", "type": "…", …the event's fields}}. */
    public static String encode(EventJournal.Entry entry) {
        ObjectNode line = JSON.createObjectNode();
        line.put("seq", entry.seq());
        line.put("time", entry.time().toString());
        line.setAll((ObjectNode) JSON.valueToTree(entry.event()));
        return write(line);
    }

    /** The entry of one {@code events.jsonl} line; IllegalArgumentException when it is not one. */
    public static EventJournal.Entry decodeEvent(String line) {
        JsonNode node = tree(line);
        try {
            return new EventJournal.Entry(node.get("seq").asLong(), Instant.parse(node.get("time").asText()),
                    JSON.treeToValue(node, RunEvent.class));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an event line (" + e.getMessage() + "): " + line, e);
        }
    }

    /** The run queue file's bytes: the queued configs in order. */
    public static byte[] encodeQueue(List<TrainingConfig> queued) {
        try {
            return PRETTY.writeValueAsBytes(queued);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode the run queue", e);
        }
    }

    /** The configs of a run queue file. */
    public static List<TrainingConfig> readQueue(Path file) throws IOException {
        return List.copyOf(JSON.readValue(file.toFile(), new TypeReference<List<TrainingConfig>>() { }));
    }

    /**
     * {@code config}'s settings as {@code run.json} writes them, flattened to dotted keys in key order:
     * {@code adam.learningRate} → {@code 2.0E-4}, {@code trainOn} → {@code all_assistant} (to compare runs).
     */
    public static Map<String, String> settings(TrainingConfig config) {
        Map<String, String> out = new TreeMap<>();
        flatten("", JSON.valueToTree(config), out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
            }
        } else {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }

    /** A line decoder that fails with an IllegalArgumentException on a line it cannot read. */
    @FunctionalInterface
    public interface LineDecoder<T> {
        /** The values of one line. */
        List<T> decode(String line);
    }

    /** The values of every readable line of {@code file} in order; a missing file has none, a torn line is skipped. */
    public static <T> List<T> readLines(Path file, LineDecoder<T> decoder) {
        List<T> out = new ArrayList<>();
        for (String line : rawLines(file)) {
            try {
                out.addAll(decoder.decode(line));
            } catch (IllegalArgumentException torn) {
                // a line cut by a crash; the lines before and after it stand
            }
        }
        return out;
    }

    /** The non-blank lines of {@code file} as written (none when it does not exist). */
    public static List<String> rawLines(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Appends {@code line} and a newline to {@code file}, creating it. */
    public static void append(Path file, String line) {
        try {
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
    }

    /** Writes a null {@link DatasetFormat} (detect from the file) as {@code "auto"}, the spelling older runs used too. */
    public static final class AutoFormat extends JsonSerializer<DatasetFormat> {
        @Override
        public void serialize(DatasetFormat value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(DatasetFormat.idOf(value));
        }
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not encode " + value, e);
        }
    }

    private static <T> T read(String line, Class<T> type) {
        JsonNode node = tree(line);
        try {
            T value = JSON.treeToValue(node, type);
            if (value == null) {
                throw new IllegalArgumentException("not a " + type.getSimpleName() + " line: " + line);
            }
            return value;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " line (" + e.getMessage() + "): " + line, e);
        }
    }

    private static JsonNode tree(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a JSON object: " + line);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + "): " + line, e);
        }
    }
}
