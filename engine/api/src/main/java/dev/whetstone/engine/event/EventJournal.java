package dev.whetstone.engine.event;

import dev.whetstone.engine.run.RunFileCodec;
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
 * as written; a torn last line (a crash mid-write) is skipped when reading. {@link RunFileCodec} encodes the lines.
 */
public final class EventJournal implements AutoCloseable {
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
        try {
            writer.write(RunFileCodec.encode(entry));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("could not append to " + file, e);
        }
        history.add(entry);
        listeners.forEach(l -> l.accept(entry));
        return entry;
    }

    /** Every complete entry of {@code file}, in order (a torn line, cut by a crash, is skipped). */
    public static List<Entry> read(Path file) {
        return RunFileCodec.readLines(file, line -> List.of(RunFileCodec.decodeEvent(line)));
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
