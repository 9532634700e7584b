package dev.whetstone.engine.model;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Where one tensor lies in a safetensors file: its element type, shape, and the absolute byte range
 * of its data in {@code file}.
 *
 * @param name       the tensor's key in the header, e.g. {@code "model.layers.0.self_attn.q_proj.weight"}
 * @param dtype      element type on disk
 * @param shape      dimensions, outermost first (copied in and out)
 * @param dataOffset absolute offset of the first data byte in {@code file}
 * @param byteLength number of data bytes, {@code product(shape) * dtype.byteSize()}
 * @param file       the safetensors file holding it
 */
public record TensorInfo(String name, SafeDType dtype, long[] shape, long dataOffset, long byteLength, Path file) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(file, "file");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape dims must be >= 0, was " + Arrays.toString(shape));
            }
        }
        if (dataOffset < 0 || byteLength < 0) {
            throw new IllegalArgumentException(
                    "dataOffset and byteLength must be >= 0, were " + dataOffset + " and " + byteLength);
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The number of elements, the product of the shape (1 for a scalar). */
    public long elementCount() {
        return elementCount(shape);
    }

    /** The shape as {@code [a, b]}, for messages. */
    public String shapeString() {
        return Arrays.toString(shape);
    }

    /** Whether the shape equals {@code other}. */
    public boolean hasShape(long... other) {
        return Arrays.equals(shape, other);
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && dataOffset == t.dataOffset && byteLength == t.byteLength && file.equals(t.file);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), dataOffset, byteLength, file);
    }

    @Override
    public String toString() {
        return "TensorInfo[" + name + ", " + dtype + ", " + shapeString() + ", offset " + dataOffset
                + ", " + byteLength + " bytes, " + file + "]";
    }
}
