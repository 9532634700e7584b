package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.whetstone.engine.tokenizer.ChatMessage;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A CSV file with a header row, streamed record by record and mapped through {@link CsvColumns}. */
final class CsvSource implements ExampleSource {

    private final Path file;
    private final CsvColumns columns;
    private final ProblemLog problems;
    private final MappingIterator<Map<String, String>> records;
    private boolean checkedHeader;

    CsvSource(Path file, InputStream in, CsvColumns columns, ProblemLog problems) throws IOException {
        this.file = file;
        this.columns = columns;
        this.problems = problems;
        this.records = new CsvMapper().readerForMapOf(String.class).with(schema(file)).readValues(reader(in));
    }

    /** A header row, separated by commas ({@code .tsv}: tabs). */
    static CsvSchema schema(Path file) {
        CsvSchema header = CsvSchema.emptySchema().withHeader();
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tsv") ? header.withColumnSeparator('\t') : header;
    }

    /** The file's text, in the encoding its first bytes announce ({@link TextEncoding}), byte-order mark skipped. */
    static Reader reader(Path file) throws IOException {
        return reader(DatasetFile.open(file));
    }

    private static Reader reader(InputStream in) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
        TextEncoding encoding = TextEncoding.sniff(buffered);
        buffered.skipNBytes(encoding.markLength());
        return new InputStreamReader(buffered, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
    }

    /** The CSV library's message in a sentence, without its internals. */
    static String plain(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getOriginalMessage() != null) {
            message = j.getOriginalMessage();
        }
        return JsonProblemText.plain(message);
    }

    @Override
    public Example next() throws IOException {
        while (true) {
            Map<String, String> record;
            long line;
            try {
                if (!records.hasNextValue()) {
                    return null;
                }
                line = Math.max(1, records.getCurrentLocation().getLineNr());
                record = records.nextValue();
            } catch (IOException | RuntimeException e) {
                long at = records.getCurrentLocation() == null ? 0 : records.getCurrentLocation().getLineNr();
                problems.add(LintRule.UNREADABLE_ROW, new SourceLine(file, Math.max(at, 1)), "",
                        "not valid CSV (" + plain(e) + "); the rest of the file is skipped: quote a value that holds a comma,"
                        + " a quote or a line break with \"...\" and double its quotes (\"\")");
                return null;
            }
            SourceLine where = new SourceLine(file, line);
            if (!checkedHeader && !headerHasColumns(record, where)) {
                return null;
            }
            checkedHeader = true;
            Example example = toExample(record, where);
            if (example != null) {
                return example;
            }
        }
    }

    private boolean headerHasColumns(Map<String, String> record, SourceLine where) {
        List<String> wanted = new ArrayList<>();
        columns.system().ifPresent(wanted::add);
        columns.prompt().ifPresent(wanted::add);
        columns.completion().ifPresent(wanted::add);
        columns.text().ifPresent(wanted::add);
        for (String column : wanted) {
            if (!record.containsKey(column)) {
                problems.add(LintRule.UNREADABLE_ROW, SourceLine.wholeFile(file), column,
                        "no such column in the header (columns are " + record.keySet() + "); pick the column mapping again");
                return false;
            }
        }
        return true;
    }

    private Example toExample(Map<String, String> record, SourceLine where) {
        if (columns.text().isPresent()) {
            String text = record.get(columns.text().get());
            if (text == null) {
                problems.add(LintRule.UNREADABLE_ROW, where, columns.text().get(), "the row has too few columns");
                return null;
            }
            return new TextExample(where, text);
        }
        String prompt = record.get(columns.prompt().orElseThrow());
        String completion = record.get(columns.completion().orElseThrow());
        if (prompt == null || completion == null) {
            problems.add(LintRule.UNREADABLE_ROW, where, prompt == null ? columns.prompt().get() : columns.completion().get(),
                    "the row has too few columns");
            return null;
        }
        List<ChatMessage> messages = new ArrayList<>(3);
        Optional<String> system = columns.system().map(record::get).filter(s -> !s.isEmpty());
        system.ifPresent(s -> messages.add(ChatMessage.system(s)));
        messages.add(ChatMessage.user(prompt));
        messages.add(ChatMessage.assistant(completion));
        return new ConversationExample(where, messages);
    }

    @Override
    public void close() throws IOException {
        records.close();
    }
}
