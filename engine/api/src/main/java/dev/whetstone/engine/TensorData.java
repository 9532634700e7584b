package dev.whetstone.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor of {@code float32} or {@code int64} values with a shape, as passed in
 * {@link Datum#lossFnInputs()} and returned in {@link ForwardBackwardOutput#lossFnOutputs()}.
 *
 * <p>Immutable; data and shape are copied on the way in and out. Values are stored flat in row-major
 * order. When no shape is given the tensor is 1-D of the data's length:
 * {@code TensorData weights = TensorData.ofFloats(new float[] {0f, 1f, 1f});}
 */
public final class TensorData {

    /** The element type; Tinker's wire carries only these two. */
    public enum DType { FLOAT32, INT64 }

    private final DType dtype;
    private final long[] shape;
    private final float[] floats; // non-null iff FLOAT32
    private final long[] longs;   // non-null iff INT64

    private TensorData(DType dtype, long[] shape, float[] floats, long[] longs) {
        this.dtype = dtype;
        this.shape = shape;
        this.floats = floats;
        this.longs = longs;
    }

    /** A float32 tensor: {@code TensorData.ofFloats(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)}. */
    public static TensorData ofFloats(float[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        return new TensorData(DType.FLOAT32, checkedShape(data.length, shape), data.clone(), null);
    }

    /** A float32 tensor from doubles, each narrowed to float: {@code TensorData.ofDoubles(new double[] {0.5, 1.5})}. */
    public static TensorData ofDoubles(double[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        long[] checked = checkedShape(data.length, shape);
        float[] narrowed = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            narrowed[i] = (float) data[i];
        }
        return new TensorData(DType.FLOAT32, checked, narrowed, null);
    }

    /** An int64 tensor: {@code TensorData.ofLongs(new long[] {7, 8, 9})}. */
    public static TensorData ofLongs(long[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        return new TensorData(DType.INT64, checkedShape(data.length, shape), null, data.clone());
    }

    /** An int64 tensor from ints, e.g. target tokens: {@code TensorData.ofInts(tokenizer.encode(text))}. */
    public static TensorData ofInts(int[] data, long... shape) {
        Objects.requireNonNull(data, "data");
        long[] checked = checkedShape(data.length, shape);
        long[] widened = new long[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        return new TensorData(DType.INT64, checked, null, widened);
    }

    /** The shape to store: {@code [length]} when none is given, else a validated copy. */
    private static long[] checkedShape(int length, long[] shape) {
        if (shape == null || shape.length == 0) {
            return new long[] {length};
        }
        long[] copy = shape.clone();
        // saturates at CAP: a product past Integer.MAX_VALUE can never match an array length
        final long cap = (long) Integer.MAX_VALUE + 1;
        long product = 1;
        boolean anyZero = false;
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(copy) + " has dimension "
                        + copy[i] + " at index " + i + "; every dimension must be >= 0");
            }
            anyZero |= copy[i] == 0;
            if (copy[i] > 0) {
                product = copy[i] > cap / product ? cap : Math.min(cap, product * copy[i]);
            }
        }
        if (anyZero) {
            product = 0;
        }
        if (product != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(copy) + " holds "
                    + (product >= cap ? "more than " + Integer.MAX_VALUE : String.valueOf(product))
                    + " elements, but data has length " + length);
        }
        return copy;
    }

    /** The element type: {@code TensorData.ofInts(new int[] {1}).dtype() == DType.INT64}. */
    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape: {@code TensorData.ofFloats(new float[6], 2, 3).shape()} is {@code [2, 3]}. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of dimensions: {@code TensorData.ofFloats(new float[6], 2, 3).rank() == 2}. */
    public int rank() {
        return shape.length;
    }

    /** Size of dimension {@code i}: {@code TensorData.ofFloats(new float[6], 2, 3).dim(1) == 3}. */
    public long dim(int i) {
        Objects.checkIndex(i, shape.length);
        return shape[i];
    }

    /** Number of elements: {@code TensorData.ofFloats(new float[6], 2, 3).size() == 6}. */
    public int size() {
        return dtype == DType.FLOAT32 ? floats.length : longs.length;
    }

    /** A copy of the float32 values, row-major: {@code float[] w = weights.floats();} */
    public float[] floats() {
        requireDType(DType.FLOAT32, "floats()");
        return floats.clone();
    }

    /** A copy of the int64 values, row-major: {@code long[] targets = targetTokens.longs();} */
    public long[] longs() {
        requireDType(DType.INT64, "longs()");
        return longs.clone();
    }

    /** One float32 value by its row-major index: {@code weights.floatAt(0)}. */
    public float floatAt(int flatIndex) {
        requireDType(DType.FLOAT32, "floatAt()");
        Objects.checkIndex(flatIndex, floats.length);
        return floats[flatIndex];
    }

    /** One int64 value by its row-major index: {@code targetTokens.longAt(0)}. */
    public long longAt(int flatIndex) {
        requireDType(DType.INT64, "longAt()");
        Objects.checkIndex(flatIndex, longs.length);
        return longs[flatIndex];
    }

    /** One value of either dtype as a double, by its row-major index: {@code logprobs.doubleAt(3)}. */
    public double doubleAt(int flatIndex) {
        Objects.checkIndex(flatIndex, size());
        return dtype == DType.FLOAT32 ? floats[flatIndex] : longs[flatIndex];
    }

    /** The values of either dtype as doubles, row-major: {@code double[] lp = out.get("logprobs").toDoubles();} */
    public double[] toDoubles() {
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dtype == DType.FLOAT32 ? floats[i] : longs[i];
        }
        return out;
    }

    private void requireDType(DType wanted, String accessor) {
        if (dtype != wanted) {
            throw new IllegalStateException(accessor + " needs a " + wanted + " tensor, this one is " + dtype);
        }
    }

    /** Equal when dtype, shape and every value are equal (floats compared bitwise, as {@link Arrays#equals(float[], float[])}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData other
                && dtype == other.dtype
                && Arrays.equals(shape, other.shape)
                && Arrays.equals(floats, other.floats)
                && Arrays.equals(longs, other.longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(longs));
    }

    /** {@code TensorData[FLOAT32, shape=[2, 3]]}; values are left out. */
    @Override
    public String toString() {
        return "TensorData[" + dtype + ", shape=" + Arrays.toString(shape) + "]";
    }
}
