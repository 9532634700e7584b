package dev.whetstone.engine.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes safetensors files byte by byte from a header string, independent of {@link SafetensorsWriter}. */
final class RawSafetensors {

    private RawSafetensors() {
    }

    /** Writes {@code 8-byte LE length of header} + header + data. */
    static Path write(Path file, String header, byte[] data) throws IOException {
        return write(file, header.getBytes(StandardCharsets.UTF_8).length, header, data);
    }

    /** Like {@link #write(Path, String, byte[])} but with a chosen (possibly lying) header length. */
    static Path write(Path file, long declaredLength, String header, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(declaredLength).array());
        out.write(header.getBytes(StandardCharsets.UTF_8));
        out.write(data);
        return Files.write(file, out.toByteArray());
    }

    /** Little-endian bytes of 16-bit values. */
    static byte[] shorts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    /** Little-endian bytes of 32-bit values. */
    static byte[] ints(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    /** All 32-bit values of a little-endian buffer, from index 0. */
    static int[] intsOf(ByteBuffer buffer) {
        int[] out = new int[buffer.capacity() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getInt(i * 4);
        }
        return out;
    }

    /** All 16-bit values of a little-endian buffer, from index 0, as unsigned ints. */
    static int[] shortsOf(ByteBuffer buffer) {
        int[] out = new int[buffer.capacity() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = buffer.getShort(i * 2) & 0xffff;
        }
        return out;
    }
}
