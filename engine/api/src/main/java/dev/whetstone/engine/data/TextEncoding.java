package dev.whetstone.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The Unicode encoding of a text file, told from its first bytes: a byte-order mark if there is one,
 * otherwise the pattern of zero bytes that JSON text starts with in UTF-16 and UTF-32 (RFC 4627 §3),
 * otherwise UTF-8. Editors on Windows and spreadsheet exports write UTF-16 with a mark; the reader
 * decodes it instead of calling the file binary.
 *
 * @param charset    how to decode the bytes
 * @param markLength bytes of byte-order mark to skip before the text
 */
record TextEncoding(Charset charset, int markLength) {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    /** Reads up to four bytes of {@code in} (which must support mark/reset) and puts them back. */
    static TextEncoding sniff(InputStream in) throws IOException {
        in.mark(4);
        byte[] head = in.readNBytes(4);
        in.reset();
        return of(head);
    }

    /** The encoding that {@code head} (the file's first bytes, up to four) announces. */
    static TextEncoding of(byte[] head) {
        int b0 = at(head, 0);
        int b1 = at(head, 1);
        int b2 = at(head, 2);
        int b3 = at(head, 3);
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new TextEncoding(StandardCharsets.UTF_8, 3);
        }
        if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
            return new TextEncoding(UTF_32BE, 4);
        }
        if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
            return new TextEncoding(UTF_32LE, 4);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return new TextEncoding(StandardCharsets.UTF_16BE, 2);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new TextEncoding(StandardCharsets.UTF_16LE, 2);
        }
        if (head.length == 4) {
            if (b0 == 0 && b1 == 0 && b2 == 0 && b3 != 0) {
                return new TextEncoding(UTF_32BE, 0);
            }
            if (b0 != 0 && b1 == 0 && b2 == 0 && b3 == 0) {
                return new TextEncoding(UTF_32LE, 0);
            }
            if (b0 == 0 && b1 != 0 && b2 == 0 && b3 != 0) {
                return new TextEncoding(StandardCharsets.UTF_16BE, 0);
            }
            if (b0 != 0 && b1 == 0 && b2 != 0 && b3 == 0) {
                return new TextEncoding(StandardCharsets.UTF_16LE, 0);
            }
        }
        return new TextEncoding(StandardCharsets.UTF_8, 0);
    }

    /** The name a user knows the encoding by: {@code UTF-16LE}. */
    String displayName() {
        return charset.name();
    }

    private static int at(byte[] head, int i) {
        return i < head.length ? head[i] & 0xFF : -1;
    }
}
