package dev.whetstone.engine.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.whetstone.engine.ModelFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parsed and checked header of a safetensors file: an 8-byte little-endian length N, then N bytes
 * of JSON mapping each tensor name to {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets
 * relative to the data that follows the header), plus an optional {@code __metadata__} string map.
 * Every offset is checked against the file size and against dtype × shape.
 */
record SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {

    /** The limit the reference Rust implementation puts on N. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    static final String METADATA_KEY = "__metadata__";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final String GARBLED = "the file is truncated or not a safetensors file; download it again";

    SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    /** Reads and checks the header of {@code file}, open as {@code channel}. */
    static SafetensorsHeader read(Path file, FileChannel channel) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw garbled(file, "is " + fileSize + " bytes, shorter than the 8-byte header length");
        }
        ByteBuffer lengthBytes = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength <= 0 || headerLength > fileSize - 8 || headerLength > MAX_HEADER_BYTES) {
            throw garbled(file, "declares a header of " + Long.toUnsignedString(headerLength)
                    + " bytes but the file is " + fileSize + " bytes (limit " + MAX_HEADER_BYTES + ")");
        }
        byte[] json = readFully(channel, 8, (int) headerLength).array();
        long dataStart = 8 + headerLength;
        return parse(file, json, dataStart, fileSize - dataStart);
    }

    private static SafetensorsHeader parse(Path file, byte[] json, long dataStart, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new ModelFormatException(file + ": the header is not valid JSON (" + e.getOriginalMessage()
                    + "); " + GARBLED, e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot parse the header; " + GARBLED, e);
        }
        if (root == null || !root.isObject()) {
            throw garbled(file, "has a header that is not a JSON object");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (METADATA_KEY.equals(field.getKey())) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                tensors.put(field.getKey(), readTensor(file, field.getKey(), field.getValue(), dataStart, dataSize));
            }
        }
        return new SafetensorsHeader(tensors, metadata);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw garbled(file, "has a '" + METADATA_KEY + "' that is not a JSON object: " + node);
        }
        node.properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node, long dataStart, long dataSize) {
        String where = file + ": tensor '" + name + "'";
        if (!node.isObject()) {
            throw new ModelFormatException(where + " is " + node + ", not an object; " + GARBLED);
        }
        SafeDType dtype = SafeDType.fromHeaderName(node.path("dtype").asText(""));
        if (dtype == null) {
            throw new ModelFormatException(where + " has dtype " + node.get("dtype") + "; known dtypes are "
                    + Arrays.toString(SafeDType.values()) + "; " + GARBLED);
        }
        long[] shape = longs(node.get("shape"), -1);
        if (shape == null) {
            throw new ModelFormatException(where + " has shape " + node.get("shape")
                    + "; expected a list of non-negative integers; " + GARBLED);
        }
        long[] offsets = longs(node.get("data_offsets"), 2);
        if (offsets == null || offsets[0] > offsets[1] || offsets[1] > dataSize) {
            throw new ModelFormatException(where + " has data_offsets " + node.get("data_offsets")
                    + " outside the " + dataSize + " data bytes of the file; " + GARBLED);
        }
        long byteLength = offsets[1] - offsets[0];
        long expected = expectedBytes(shape, dtype);
        if (byteLength != expected) {
            throw new ModelFormatException(where + " has " + byteLength + " data bytes but " + dtype + " "
                    + Arrays.toString(shape) + " needs " + (expected < 0 ? "more than 2^63" : expected) + "; "
                    + GARBLED);
        }
        return new TensorInfo(name, dtype, shape, dataStart + offsets[0], byteLength, file);
    }

    /** Bytes for dtype × shape, or -1 on overflow. */
    private static long expectedBytes(long[] shape, SafeDType dtype) {
        try {
            return Math.multiplyExact(TensorInfo.elementCount(shape), dtype.byteSize());
        } catch (ArithmeticException e) {
            return -1;
        }
    }

    /** The node as non-negative longs (of {@code length}, unless -1), or null if it is anything else. */
    private static long[] longs(JsonNode node, int length) {
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            return null;
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = node.get(i);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
                return null;
            }
            out[i] = n.asLong();
        }
        return out;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("end of file at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private static ModelFormatException garbled(Path file, String problem) {
        return new ModelFormatException(file + " " + problem + "; " + GARBLED);
    }
}
