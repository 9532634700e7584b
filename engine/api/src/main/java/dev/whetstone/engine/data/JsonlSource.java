package dev.whetstone.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;

/** JSON Lines, one row object per line; blank lines are skipped, every bad line is reported and skipped. */
final class JsonlSource implements ExampleSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final LineReader lines;
    private final RowParser rows;
    private final ProblemLog problems;

    JsonlSource(Path file, LineReader lines, RowParser rows, ProblemLog problems) {
        this.file = file;
        this.lines = lines;
        this.rows = rows;
        this.problems = problems;
    }

    @Override
    public Example next() throws IOException {
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            SourceLine where = new SourceLine(file, line.number());
            if (line.tooLong()) {
                problems.add(LintRule.UNREADABLE_ROW, where, "", "the line is too long to be a row (over "
                        + DatasetReader.MAX_LINE_CHARS + " characters); is this a JSONL file?");
            } else if (line.binary()) {
                problems.add(LintRule.UNREADABLE_ROW, where, "", "the line has NUL bytes: this looks like a binary file, not JSONL");
            } else if (line.badEncoding()) {
                problems.add(LintRule.UNREADABLE_ROW, where, "", "the line is not valid UTF-8: save the file as UTF-8");
            } else if (!line.text().isBlank()) {
                Example example = parse(line.text(), where);
                if (example != null) {
                    return example;
                }
            }
        }
        return null;
    }

    private Example parse(String text, SourceLine where) {
        JsonNode row;
        try {
            row = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            problems.add(LintRule.UNREADABLE_ROW, where, "", "not valid JSON (" + e.getOriginalMessage() + ")");
            return null;
        }
        if (row == null || !row.isObject()) {
            problems.add(LintRule.UNREADABLE_ROW, where, "", "a row must be a JSON object, was " + (row == null ? "nothing" : row.getNodeType()));
            return null;
        }
        return rows.parse(row, where, problems);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
