package dev.whetstone.engine.data;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a UTF-8 file line by line without ever holding more than one line (of at most
 * {@code maxLineChars}) in memory, so a 1 GB JSONL streams and a 1 GB line without newlines cannot
 * exhaust the heap. Bytes that are not UTF-8 become U+FFFD and the line is flagged; so are NUL bytes
 * (binary files).
 */
final class LineReader implements Closeable {

    /** One line: its 1-based number, its text (empty when too long), and what is wrong with it. */
    record Line(long number, String text, boolean tooLong, boolean badEncoding, boolean binary) {
    }

    private final Reader reader;
    private final int maxLineChars;
    private final StringBuilder buffer = new StringBuilder();
    private long lineNumber;
    private boolean eof;

    LineReader(InputStream in, int maxLineChars) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxLineChars = maxLineChars;
    }

    /** The next line, or null at the end of the file. A final line without a newline counts. */
    Line next() throws IOException {
        if (eof) {
            return null;
        }
        buffer.setLength(0);
        boolean tooLong = false;
        boolean badEncoding = false;
        boolean binary = false;
        boolean any = false;
        int c;
        while ((c = reader.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\uFFFD') {
                badEncoding = true;
            } else if (c == 0) {
                binary = true;
            }
            if (buffer.length() < maxLineChars) {
                buffer.append((char) c);
            } else {
                tooLong = true;
            }
        }
        if (c < 0) {
            eof = true;
            if (!any) {
                return null;
            }
        }
        lineNumber++;
        int end = buffer.length();
        if (end > 0 && buffer.charAt(end - 1) == '\r') {
            buffer.setLength(end - 1);
        }
        if (lineNumber == 1 && buffer.length() > 0 && buffer.charAt(0) == '\uFEFF') {
            buffer.deleteCharAt(0); // byte-order mark
        }
        return new Line(lineNumber, tooLong ? "" : buffer.toString(), tooLong, badEncoding, binary);
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
