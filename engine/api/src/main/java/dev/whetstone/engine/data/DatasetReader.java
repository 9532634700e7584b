package dev.whetstone.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Streams the rows of one dataset file as {@link Example}s, one at a time, so a file of any size reads
 * in bounded memory. Rows that cannot be read are skipped and reported as {@link DataProblem}s
 * ({@code file:line: field — message}); they never stop the rest from loading.
 *
 * <pre>{@code
 * try (DatasetReader reader = DatasetReader.open(Path.of("train.jsonl"))) {
 *     for (Example example : reader) { ... }
 *     reader.problems().forEach(System.out::println);
 * }
 * }</pre>
 *
 * <p>Iterable once. Not thread-safe.
 */
public final class DatasetReader implements Iterable<Example>, AutoCloseable {

    /** The longest line (or plain-text document) read, in characters; longer ones are reported and skipped. */
    public static final int MAX_LINE_CHARS = 8 * 1024 * 1024;
    /** How many problems are kept for display; all are counted. */
    public static final int MAX_KEPT_PROBLEMS = 1000;

    private final Path file;
    private final DatasetFormat format;
    private final ExampleSource source;
    private final ProblemLog problems;
    private long examples;
    private boolean iterated;
    private boolean finished;

    private DatasetReader(Path file, DatasetFormat format, ExampleSource source, ProblemLog problems) {
        this.file = file;
        this.format = format;
        this.source = source;
        this.problems = problems;
    }

    /** Opens {@code file} in the format {@link FormatDetector} detects (CSV with the guessed columns). */
    public static DatasetReader open(Path file) {
        FormatDetection detection = FormatDetector.detect(file);
        if (detection.format() == DatasetFormat.CSV && detection.csvColumns().isEmpty()) {
            throw new DatasetException(file + ": " + detection.reason());
        }
        return open(file, detection.format(), detection.csvColumns().orElse(null));
    }

    /**
     * Opens a file in the given format: {@code DatasetReader.open(path, DatasetFormat.ALPACA)}. A CSV file's
     * columns are guessed from its header as {@link FormatDetector} does.
     *
     * @throws DatasetException if the file cannot be opened, or is CSV with no known columns
     */
    public static DatasetReader open(Path file, DatasetFormat format) {
        if (format == DatasetFormat.CSV) {
            FormatDetection detection = FormatDetector.detectCsv(file);
            return open(file, format, detection.csvColumns().orElseThrow(() -> new DatasetException(file + ": " + detection.reason())));
        }
        return open(file, format, null);
    }

    /**
     * Opens {@code file}; {@code csvColumns} is needed for {@link DatasetFormat#CSV} and ignored otherwise.
     *
     * @throws DatasetException if the file cannot be opened
     */
    public static DatasetReader open(Path file, DatasetFormat format, CsvColumns csvColumns) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(format, "format");
        ProblemLog problems = new ProblemLog(MAX_KEPT_PROBLEMS);
        InputStream in = DatasetFile.open(file);
        try {
            ExampleSource source = switch (format) {
                case CSV -> new CsvSource(file, in, Objects.requireNonNull(csvColumns, "csvColumns"), problems);
                case TEXT -> isJsonl(file) ? new JsonlSource(file, new LineReader(in, MAX_LINE_CHARS), RowParser.of(format), problems)
                        : new ParagraphSource(file, new LineReader(in, MAX_LINE_CHARS), problems);
                default -> new JsonlSource(file, new LineReader(in, MAX_LINE_CHARS), RowParser.of(format), problems);
            };
            return new DatasetReader(file, format, source, problems);
        } catch (IOException e) {
            closeQuietly(in);
            throw new DatasetException("Cannot read the dataset " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isJsonl(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson");
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // already failing; the open error is the one to report
            }
        }
    }

    public Path file() {
        return file;
    }

    public DatasetFormat format() {
        return format;
    }

    /** The examples, read lazily as the iterator advances. */
    @Override
    public Iterator<Example> iterator() {
        if (iterated) {
            throw new IllegalStateException("a DatasetReader is iterable once; open the file again");
        }
        iterated = true;
        return new Iterator<>() {
            private Example next;

            @Override
            public boolean hasNext() {
                if (next == null && !finished) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public Example next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Example result = next;
                next = null;
                return result;
            }
        };
    }

    private Example read() {
        try {
            Example example = source.next();
            if (example != null) {
                examples++;
                return example;
            }
        } catch (IOException e) {
            throw new DatasetException("Reading the dataset " + file + " failed after " + examples + " rows: " + e.getMessage(), e);
        }
        finished = true;
        if (examples == 0) {
            problems.add(LintRule.EMPTY_DATASET, SourceLine.wholeFile(file), "",
                    problems.total() == 0 ? "the file has no rows" : "no row could be read; see the problems above");
        }
        return null;
    }

    /** Examples read so far. */
    public long exampleCount() {
        return examples;
    }

    /** The first {@link #MAX_KEPT_PROBLEMS} problems met so far, in file order. */
    public List<DataProblem> problems() {
        return problems.kept();
    }

    /** How many problems of each rule were met so far (all of them, not only those kept). */
    public Map<LintRule, Long> problemCounts() {
        return problems.counts();
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing " + file + " failed", e);
        }
    }
}
