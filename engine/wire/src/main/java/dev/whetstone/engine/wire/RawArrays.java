package dev.whetstone.engine.wire;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire's raw arrays: little-endian {@code bytes} of int32, int64, float32 or bfloat16 values
 * ({@code RawArrays.int32(new int[] {9707, 11})} is 8 bytes).
 */
public final class RawArrays {
    private RawArrays() {
    }

    /** Little-endian int32 bytes of {@code values}. */
    public static ByteString int32(int[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asIntBuffer().put(values);
        return ByteString.copyFrom(buffer.array());
    }

    /** Little-endian int64 bytes of {@code values}. */
    public static ByteString int64(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return ByteString.copyFrom(buffer.array());
    }

    /** Little-endian float32 bytes of {@code values}. */
    public static ByteString float32(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return ByteString.copyFrom(buffer.array());
    }

    /** The int32 values of {@code bytes}; {@code what} names the field in the error when the length is not a multiple of 4. */
    public static int[] toInt32(ByteString bytes, String what) {
        requireMultiple(bytes, Integer.BYTES, what, "int32");
        int[] out = new int[bytes.size() / Integer.BYTES];
        bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
        return out;
    }

    /** The int64 values of {@code bytes}. */
    public static long[] toInt64(ByteString bytes, String what) {
        requireMultiple(bytes, Long.BYTES, what, "int64");
        long[] out = new long[bytes.size() / Long.BYTES];
        bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(out);
        return out;
    }

    /** The float32 values of {@code bytes}. */
    public static float[] toFloat32(ByteString bytes, String what) {
        requireMultiple(bytes, Float.BYTES, what, "float32");
        float[] out = new float[bytes.size() / Float.BYTES];
        bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** bfloat16 values of {@code bytes}, widened exactly to float32 (the upper half of the float's bits). */
    public static float[] bfloat16ToFloat32(ByteString bytes, String what) {
        requireMultiple(bytes, 2, what, "bfloat16");
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.size() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((buffer.getShort() & 0xFFFF) << 16);
        }
        return out;
    }

    private static void requireMultiple(ByteString bytes, int size, String what, String type) {
        if (bytes.size() % size != 0) {
            throw new WireFormatException(what + " holds " + bytes.size() + " bytes, not a whole number of " + type
                    + " values (" + size + " bytes each)");
        }
    }
}
