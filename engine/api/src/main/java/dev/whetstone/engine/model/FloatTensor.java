package dev.whetstone.engine.model;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A float32 tensor held in a Java array, row-major, for writing to safetensors. Both arrays are copied
 * in and out.
 *
 * <p>Example: {@code new FloatTensor(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3})}.
 *
 * @param data  the values, {@code product(shape)} of them
 * @param shape dimensions, outermost first; {@code []} is a scalar
 */
public record FloatTensor(float[] data, long[] shape) {

    public FloatTensor {
        data = data.clone();
        shape = shape.clone();
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape dims must be >= 0, was " + Arrays.toString(shape));
            }
            count = Math.multiplyExact(count, d);
        }
        if (count != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + count
                    + " values but data has " + data.length);
        }
    }

    @Override
    public float[] data() {
        return data.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The float32 values of a little-endian buffer (as {@link SafetensorsFile#float32} returns), copied out. */
    public static float[] valuesOf(java.nio.ByteBuffer data) {
        float[] values = new float[data.remaining() / Float.BYTES];
        data.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    /** The number of values. */
    public int size() {
        return data.length;
    }

    /** Copies the values into {@code out} at its position, advancing it. */
    public void copyTo(FloatBuffer out) {
        out.put(data);
    }

    /** The value at flat (row-major) index {@code i}. */
    public float at(int i) {
        return data[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && Arrays.equals(data, t.data) && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "FloatTensor" + Arrays.toString(shape);
    }
}
