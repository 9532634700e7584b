package dev.whetstone.engine.model;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes float tensors as a safetensors file the way the reference Rust crate does: {@code __metadata__}
 * first, then tensors sorted by name (their data in the same order), the JSON header padded with
 * spaces to a multiple of 8 bytes. PEFT adapters carry the metadata {@code {"format": "pt"}}.
 *
 * <p>Example: {@code SafetensorsWriter.write(dir.resolve("adapter_model.safetensors"), tensors,
 * Map.of("format", "pt"))}.
 */
public final class SafetensorsWriter {

    private static final JsonMapper JSON = new JsonMapper();

    /** Values staged per write call, so large tensors need no second full-size copy. */
    private static final int CHUNK_VALUES = 1 << 20;

    private SafetensorsWriter() {
    }

    /** Writes {@code tensors} as F32, replacing {@code file}. */
    public static void write(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, SafeDType.F32);
    }

    /** Writes {@code tensors} rounded to BF16 (nearest even), replacing {@code file}. */
    public static void writeBf16(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata) {
        write(file, tensors, metadata, SafeDType.BF16);
    }

    private static void write(Path file, Map<String, FloatTensor> tensors, Map<String, String> metadata,
            SafeDType dtype) {
        Map<String, FloatTensor> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor may not be called " + SafetensorsHeader.METADATA_KEY);
        }
        byte[] header = header(sorted, metadata, dtype);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
            writeFully(out, ByteBuffer.wrap(header));
            for (FloatTensor t : sorted.values()) {
                writeData(out, t, dtype);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    private static byte[] header(Map<String, FloatTensor> sorted, Map<String, String> metadata, SafeDType dtype) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsHeader.METADATA_KEY);
            new TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, FloatTensor> e : sorted.entrySet()) {
            ObjectNode t = root.putObject(e.getKey());
            t.put("dtype", dtype.name());
            ArrayNode shape = t.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long end = offset + (long) e.getValue().size() * dtype.byteSize();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] padded = Arrays.copyOf(json, (json.length + 7) / 8 * 8);
        Arrays.fill(padded, json.length, padded.length, (byte) ' ');
        return padded;
    }

    private static void writeData(FileChannel out, FloatTensor t, SafeDType dtype) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK_VALUES * dtype.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < t.size(); start += CHUNK_VALUES) {
            int end = Math.min(t.size(), start + CHUNK_VALUES);
            chunk.clear();
            for (int i = start; i < end; i++) {
                if (dtype == SafeDType.F32) {
                    chunk.putFloat(t.at(i));
                } else {
                    chunk.putShort(HalfPrecision.floatToBf16(t.at(i)));
                }
            }
            writeFully(out, chunk.flip());
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
