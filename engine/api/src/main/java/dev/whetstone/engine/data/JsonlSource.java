package dev.whetstone.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** JSON Lines, one row object per line; blank lines are skipped, every bad line is reported and skipped. */
final class JsonlSource implements ExampleSource {

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
                problems.add(LintRule.UNREADABLE_ROW, where, "", "the line is not valid " + lines.encoding().displayName()
                        + ": save the file as UTF-8");
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
        JsonRowParser.Parsed parsed = JsonRowParser.parse(text);
        if (parsed.problem() != null) {
            problems.add(LintRule.UNREADABLE_ROW, where, "", parsed.problem());
            return null;
        }
        return rows.parse(parsed.row(), where, problems);
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
