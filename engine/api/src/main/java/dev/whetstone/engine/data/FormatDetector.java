package dev.whetstone.engine.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a dataset's format from its name and first row, and says why:
 * {@code FormatDetection d = FormatDetector.detect(Path.of("train.jsonl")); d.reason()}.
 *
 * <p>{@code .csv}/{@code .tsv} files are CSV (columns guessed from the header: prompt/completion,
 * question/answer, instruction/output, input/output, text); {@code .txt}/{@code .md} are plain text;
 * otherwise the first line that is a JSON object decides by its keys: {@code chosen}+{@code rejected} (preference
 * pairs), {@code messages}, {@code conversations}, {@code instruction}+{@code output}, {@code text}, {@code prompt}
 * (prompts for GRPO). Lines before it that are not JSON are left for the reader to report.
 */
public final class FormatDetector {

    private static final String[][] COLUMN_PAIRS = {
        {"prompt", "completion"}, {"prompt", "response"}, {"question", "answer"}, {"instruction", "output"},
        {"instruction", "response"}, {"input", "output"}, {"user", "assistant"},
    };

    /** Lines read while looking for the first row that parses, before giving up. */
    private static final int MAX_LINES_TRIED = 1000;

    private FormatDetector() {
    }

    /**
     * @throws DatasetException if the file cannot be read, is empty, or matches no format
     */
    public static FormatDetection detect(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".tsv")) {
            return detectCsv(file);
        }
        if (name.endsWith(".txt") || name.endsWith(".md")) {
            return new FormatDetection(DatasetFormat.TEXT, "the file name ends in " + name.substring(name.lastIndexOf('.'))
                    + ": plain text, documents separated by blank lines", Optional.empty());
        }
        FirstRow first = firstRow(file);
        JsonNode row = first.row();
        String at = "line " + first.line();
        if (row != null && row.isObject()) {
            if (row.has("chosen") && row.has("rejected")) {
                return json(DatasetFormat.PREFERENCE, at + " has \"chosen\" and \"rejected\" (preference pairs for DPO)");
            }
            if (row.path("messages").isArray()) {
                return json(DatasetFormat.CHAT_MESSAGES, at + " has a \"messages\" array (OpenAI chat style)");
            }
            if (row.path("conversations").isArray()) {
                return json(DatasetFormat.SHAREGPT, at + " has a \"conversations\" array (ShareGPT)");
            }
            if (row.has("instruction") && row.has("output")) {
                return json(DatasetFormat.ALPACA, at + " has \"instruction\" and \"output\" (Alpaca)");
            }
            if (row.path("text").isTextual()) {
                return json(DatasetFormat.TEXT, at + " has a \"text\" string (plain text for continued pretraining)");
            }
            if (row.path("prompt").isTextual() || row.path("prompt").isArray()) {
                return json(DatasetFormat.PROMPTS, at + " has a \"prompt\" and no reply (prompts for GRPO)");
            }
        }
        List<String> keys = new ArrayList<>();
        if (row != null) {
            row.fieldNames().forEachRemaining(keys::add);
        }
        throw new DatasetException(file + ":" + first.line() + " matches no dataset format (its keys are " + keys
                + "); a row needs \"messages\" (chat), \"conversations\" (ShareGPT), \"instruction\" and \"output\""
                + " (Alpaca), \"text\" (plain text), \"chosen\" and \"rejected\" (preference pairs for DPO) or \"prompt\""
                + " (prompts for GRPO): rename the keys");
    }

    private static FormatDetection json(DatasetFormat format, String reason) {
        return new FormatDetection(format, reason, Optional.empty());
    }

    /** A CSV file's columns, guessed from its header. */
    static FormatDetection detectCsv(Path file) {
        List<String> header = csvHeader(file);
        List<String> lower = header.stream().map(h -> h.toLowerCase(Locale.ROOT).strip()).toList();
        for (String[] pair : COLUMN_PAIRS) {
            int prompt = lower.indexOf(pair[0]);
            int completion = lower.indexOf(pair[1]);
            if (prompt >= 0 && completion >= 0) {
                CsvColumns columns = CsvColumns.promptCompletion(header.get(prompt), header.get(completion));
                int system = lower.indexOf("system");
                if (system >= 0) {
                    columns = columns.withSystem(header.get(system));
                }
                return new FormatDetection(DatasetFormat.CSV, "the file name ends in .csv and the header has \""
                        + header.get(prompt) + "\" and \"" + header.get(completion) + "\" columns", Optional.of(columns));
            }
        }
        int text = lower.indexOf("text");
        if (text >= 0) {
            return new FormatDetection(DatasetFormat.CSV, "the file name ends in .csv and the header has a \""
                    + header.get(text) + "\" column (plain text)", Optional.of(CsvColumns.text(header.get(text))));
        }
        return new FormatDetection(DatasetFormat.CSV, "the CSV header " + header + " names no known columns: call them"
                + " prompt and completion (or question and answer, instruction and output, input and output, user and"
                + " assistant), or text for plain text", Optional.empty());
    }

    private static List<String> csvHeader(Path file) {
        CsvSchema schema = CsvSource.schema(file);
        try (Reader in = CsvSource.reader(file);
             var rows = new CsvMapper().readerForMapOf(String.class).with(schema).<java.util.Map<String, String>>readValues(in)) {
            rows.hasNextValue(); // reads the header
            List<String> header = new ArrayList<>();
            ((CsvSchema) rows.getParserSchema()).iterator().forEachRemaining(c -> header.add(c.getName()));
            if (header.isEmpty()) {
                throw new DatasetException(file + " is empty: a CSV dataset needs a header row and at least one row");
            }
            return header;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetException d) {
                throw d;
            }
            throw new DatasetException("Cannot read the CSV header of " + file + ": " + CsvSource.plain(e)
                    + "; the first line must name the columns, separated by commas", e);
        }
    }

    /** The first line that is a JSON object, and its number. */
    private record FirstRow(long line, JsonNode row) {
    }

    /**
     * The first line that parses as a JSON object decides the format; lines before it that do not parse are
     * the reader's to report (with the rest of the file's problems), so a bad first line reads like a bad
     * later line.
     */
    private static FirstRow firstRow(Path file) {
        String firstProblem = null;
        long firstProblemLine = 0;
        try (InputStream in = DatasetFile.open(file); LineReader lines = new LineReader(in, DatasetReader.MAX_LINE_CHARS)) {
            LineReader.Line line;
            int tried = 0;
            while ((line = lines.next()) != null && tried < MAX_LINES_TRIED) {
                if (line.binary()) {
                    throw new DatasetException(file + " looks like a binary file (NUL bytes on line " + line.number()
                            + "), not a dataset: pass a JSONL, CSV or text file");
                }
                if (line.text().isBlank() && !line.tooLong()) {
                    continue;
                }
                tried++;
                JsonRowParser.Parsed parsed = line.tooLong() ? new JsonRowParser.Parsed(null, "the line is too long")
                        : JsonRowParser.parse(line.text());
                if (parsed.row() != null) {
                    return new FirstRow(line.number(), parsed.row());   // a row glued to another still tells the format
                }
                if (firstProblem == null) {
                    firstProblem = parsed.problem();
                    firstProblemLine = line.number();
                }
            }
        } catch (IOException e) {
            throw new DatasetException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (firstProblem != null) {
            throw new DatasetException(file + ":" + firstProblemLine + ": " + firstProblem + "; no line is a JSON object,"
                    + " so the format cannot be detected (name a plain-text file .txt and a CSV file .csv)");
        }
        throw new DatasetException(file + " is empty: a dataset needs at least one row");
    }
}
