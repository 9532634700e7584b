package dev.whetstone.engine.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;

/**
 * Reads a text file line by line without ever holding more than one line (of at most
 * {@code maxLineChars}) in memory, so a 1 GB JSONL streams and a 1 GB line without newlines cannot
 * exhaust the heap. A line ends at {@code \n}, {@code \r\n} or a lone {@code \r} (old Mac files and some
 * exports), so no line ending hides rows. The encoding is UTF-8 unless the file starts with the byte-order
 * mark or zero-byte pattern of UTF-16 or UTF-32 ({@link TextEncoding}). Bytes that do not decode become
 * U+FFFD and the line is flagged; so are NUL characters (binary files).
 */
final class LineReader implements Closeable {

    /** One line: its 1-based number, its text (empty when too long), and what is wrong with it. */
    record Line(long number, String text, boolean tooLong, boolean badEncoding, boolean binary) {
    }

    private final Reader reader;
    private final TextEncoding encoding;
    private final int maxLineChars;
    private final StringBuilder buffer = new StringBuilder();
    private final char[] chunk = new char[1 << 14];
    private int chunkLength;
    private int chunkAt;
    private long lineNumber;
    private boolean eof;
    private int pushedBack = -1;

    LineReader(InputStream in, int maxLineChars) throws IOException {
        InputStream buffered = in.markSupported() ? in : new BufferedInputStream(in);
        this.encoding = TextEncoding.sniff(buffered);
        buffered.skipNBytes(encoding.markLength());
        this.reader = new InputStreamReader(buffered, encoding.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
        this.maxLineChars = maxLineChars;
    }

    /** The encoding the file is read in. */
    TextEncoding encoding() {
        return encoding;
    }

    /** The next line, or null at the end of the file. A final line without a line ending counts. */
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
        while ((c = read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (c == '\r') {
                int next = read();
                if (next != '\n' && next >= 0) {
                    pushedBack = next;
                }
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
        if (lineNumber == 1 && buffer.length() > 0 && buffer.charAt(0) == '\uFEFF') {
            buffer.deleteCharAt(0); // a second byte-order mark, or one in a file read without sniffing
        }
        return new Line(lineNumber, tooLong ? "" : buffer.toString(), tooLong, badEncoding, binary);
    }

    /** The next char, or -1 at the end; read through a chunk (a Reader's read() per char costs a lock and a buffer wrap). */
    private int read() throws IOException {
        if (pushedBack >= 0) {
            int c = pushedBack;
            pushedBack = -1;
            return c;
        }
        if (chunkAt == chunkLength) {
            chunkLength = reader.read(chunk, 0, chunk.length);
            chunkAt = 0;
            if (chunkLength <= 0) {
                chunkLength = 0;
                return -1;
            }
        }
        return chunk[chunkAt++];
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
