package dev.whetstone.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** A plain-text file as documents separated by one or more blank lines, each a {@link TextExample}. */
final class ParagraphSource implements ExampleSource {

    private final Path file;
    private final LineReader lines;
    private final ProblemLog problems;

    ParagraphSource(Path file, LineReader lines, ProblemLog problems) {
        this.file = file;
        this.lines = lines;
        this.problems = problems;
    }

    @Override
    public Example next() throws IOException {
        StringBuilder document = new StringBuilder();
        long first = 0;
        boolean bad = false;
        LineReader.Line line;
        while ((line = lines.next()) != null) {
            if (line.text().isBlank() && !line.tooLong()) {
                if (first == 0) {
                    continue;
                }
                if (!bad) {
                    return new TextExample(new SourceLine(file, first), document.toString());
                }
                document.setLength(0);
                first = 0;
                bad = false;
                continue;
            }
            if (first == 0) {
                first = line.number();
            }
            SourceLine where = new SourceLine(file, line.number());
            if (line.binary() || line.badEncoding() || line.tooLong()) {
                problems.add(LintRule.UNREADABLE_ROW, where, "", line.binary() ? "NUL bytes: this looks like a binary file"
                        : line.tooLong() ? "the line is longer than " + DatasetReader.MAX_LINE_CHARS + " characters"
                        : "not valid " + lines.encoding().displayName() + ": save the file as UTF-8");
                bad = true;
            } else if (document.length() + line.text().length() > DatasetReader.MAX_LINE_CHARS) {
                problems.add(LintRule.UNREADABLE_ROW, new SourceLine(file, first), "", "the document is longer than "
                        + DatasetReader.MAX_LINE_CHARS + " characters: separate documents with blank lines");
                bad = true;
            } else if (!bad) {
                document.append(document.length() == 0 ? "" : "\n").append(line.text());
            }
        }
        return first == 0 || bad ? null : new TextExample(new SourceLine(file, first), document.toString());
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
