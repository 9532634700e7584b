package dev.whetstone.engine.data;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a row came from: a file and its 1-based line, printed {@code data/train.jsonl:17}.
 * CSV rows give the line their record starts on; plain-text documents give their first line.
 */
public record SourceLine(Path file, long line) {

    public SourceLine {
        Objects.requireNonNull(file, "file");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0 (0 for the whole file), was " + line);
        }
    }

    /** The whole file, e.g. for "the file is empty": {@code SourceLine.wholeFile(path)}. */
    public static SourceLine wholeFile(Path file) {
        return new SourceLine(file, 0);
    }

    @Override
    public String toString() {
        return line == 0 ? file.toString() : file + ":" + line;
    }
}
