package dev.whetstone.app.datasets;

import dev.whetstone.engine.data.CsvColumns;
import dev.whetstone.engine.data.ConversationExample;
import dev.whetstone.engine.data.DataProblem;
import dev.whetstone.engine.data.DatasetFormat;
import dev.whetstone.engine.data.DatasetReader;
import dev.whetstone.engine.data.Example;
import dev.whetstone.engine.data.PreferenceExample;
import dev.whetstone.engine.data.PromptExample;
import dev.whetstone.engine.data.TextExample;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

/**
 * Reads a whole dataset file into editor rows with the engine's {@link DatasetReader}, then goes over the
 * file once more to keep the text of every line it could not read, so nothing is lost on save. Blocks on
 * disk: call it from a worker. Reports progress (0 to 1) and stops when {@code cancelled} says so.
 *
 * <p>Example: {@code new DatasetFileReader(p -> {}, () -> false).read(path, DatasetFormat.CHAT_MESSAGES, null)}
 */
public final class DatasetFileReader {
    private final DoubleConsumer progress;
    private final BooleanSupplier cancelled;

    /** A reader reporting to {@code progress} and checking {@code cancelled} between rows. */
    public DatasetFileReader(DoubleConsumer progress, BooleanSupplier cancelled) {
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /** Reads {@code file} as {@code format} ({@code columns} for CSV, else null). */
    public LoadedDataset read(Path file, DatasetFormat format, CsvColumns columns) {
        long lines = Math.max(1, countLines(file));
        TreeMap<Long, DatasetRow> rows = new TreeMap<>();
        List<DataProblem> problems;
        Map<Long, String> why = new HashMap<>();
        try (DatasetReader reader = DatasetReader.open(file, format, columns)) {
            for (Example example : reader) {
                checkCancelled();
                if (example instanceof PreferenceExample || example instanceof PromptExample) {
                    // not a chat row: kept as its text and written back unchanged
                    why.put(example.source().line(), file.getFileName() + ":" + example.source().line() + ": "
                            + (example instanceof PreferenceExample ? "a DPO preference pair" : "a GRPO prompt")
                            + "; the editor keeps it as text (train it from Train with that method)");
                    continue;
                }
                rows.put(example.source().line(), toRow(example));
                if (rows.size() % 512 == 0) {
                    progress.accept(Math.min(0.95, example.source().line() / (double) lines));
                }
            }
            problems = reader.problems();
        }
        List<DataProblem> fileProblems = new ArrayList<>();
        for (DataProblem p : problems) {
            if (p.where().line() == 0) {
                fileProblems.add(p);
            } else {
                why.merge(p.where().line(), shortForm(p), (a, b) -> a + "; " + b);
            }
        }
        keepBrokenLines(file, format != DatasetFormat.CSV && format != DatasetFormat.TEXT || isJsonl(file), rows, why);
        progress.accept(1.0);
        return new LoadedDataset(new ArrayList<>(rows.values()), format, fileProblems);
    }

    private void keepBrokenLines(Path file, boolean lineRows, TreeMap<Long, DatasetRow> rows, Map<Long, String> why) {
        if (why.isEmpty() && !lineRows) {
            return;
        }
        try (BufferedReader in = lenientReader(file)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                boolean unread = lineRows && !line.isBlank() && !rows.containsKey(number);
                if (why.containsKey(number) || unread) {
                    String problem = why.getOrDefault(number, file.getFileName() + ":" + number
                            + ": could not be read (more problems than are listed)");
                    rows.putIfAbsent(number, DatasetRow.broken(line, problem));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file + " again to keep its broken lines", e);
        }
    }

    /** {@code train.jsonl:17: messages — …}: the file's name, not its whole path. */
    public static String shortForm(DataProblem p) {
        return p.where().file().getFileName() + ":" + p.where().line() + ": "
                + (p.field().isEmpty() ? "" : p.field() + " — ") + p.message();
    }

    private static DatasetRow toRow(Example example) {
        if (example instanceof ConversationExample c) {
            return DatasetRow.conversation(c.messages());
        }
        return DatasetRow.document(((TextExample) example).text());
    }

    private void checkCancelled() {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("Loading was cancelled.");
        }
    }

    private static boolean isJsonl(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".json");
    }

    private static BufferedReader lenientReader(Path file) throws IOException {
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8
                .newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)));
    }

    private static long countLines(Path file) {
        try (BufferedReader in = lenientReader(file)) {
            long n = 0;
            while (in.readLine() != null) {
                n++;
            }
            return n;
        } catch (IOException e) {
            return 1;
        }
    }
}
