package dev.whetstone.engine.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The append-only {@code events.jsonl} of a run: one JSON object per event with a monotonically
 * increasing {@code seq} (continuing across restarts), {@code time} and {@code type}. Lines are flushed
 * as written; a torn last line (a crash mid-write) is skipped when reading.
 */
public final class EventJournal implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** One line of the journal. */
    public record Entry(long seq, Instant time, RunEvent event) {
    }

    private final Path file;
    private final BufferedWriter writer;
    private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
    private final List<Entry> history;
    private long nextSeq;

    private EventJournal(Path file, List<Entry> history) throws IOException {
        this.file = file;
        this.history = new ArrayList<>(history);
        this.nextSeq = history.isEmpty() ? 1 : history.get(history.size() - 1).seq() + 1;
        this.writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Opens (or creates) {@code file} for appending after its existing events. */
    public static EventJournal open(Path file) {
        try {
            return new EventJournal(file, Files.exists(file) ? read(file) : List.of());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open " + file, e);
        }
    }

    /**
     * Calls {@code listener} with every entry so far (replayed on the caller's thread), then with every
     * entry appended later (on the appending thread); none is missed or repeated.
     */
    public synchronized void addListener(Consumer<Entry> listener) {
        history.forEach(listener);
        listeners.add(listener);
    }

    /** Appends {@code event} and returns its entry. */
    public synchronized Entry append(RunEvent event) {
        Entry entry = new Entry(nextSeq++, Instant.now(), event);
        ObjectNode line = JSON.createObjectNode();
        line.put("seq", entry.seq());
        line.put("time", entry.time().toString());
        line.setAll((ObjectNode) JSON.valueToTree(event));
        try {
            writer.write(JSON.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
        history.add(entry);
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    /** Every complete entry of {@code file}, in order. */
    public static List<Entry> read(Path file) {
        List<Entry> entries = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    JsonNode node = JSON.readTree(line);
                    entries.add(new Entry(node.get("seq").asLong(), Instant.parse(node.get("time").asText()),
                            JSON.treeToValue(node, RunEvent.class)));
                } catch (IOException | RuntimeException torn) {
                    // a line cut by a crash; the events before it stand
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return entries;
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
