package dev.whetstone.engine.local.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.whetstone.engine.Float16OverflowException;
import dev.whetstone.engine.local.tensor.OwnedTensors;
import dev.whetstone.engine.model.HalfPrecision;
import dev.whetstone.engine.model.SafeDType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/**
 * 16-bit weights as a file stores them, decoded by libtorch without DJL's BFLOAT16 (which aborts the JVM):
 * every one of the 65,536 bit patterns against {@link HalfPrecision}, and the float16 range check.
 */
class HalfBitsDecoderTest {
    private static final int PATTERNS = 1 << 16;

    @Test
    void everyBf16PatternBecomesItsExactFloat32() {
        float[] decoded = decodeAll(SafeDType.BF16, DataType.FLOAT32, allPatterns());
        for (int p = 0; p < PATTERNS; p++) {
            float expected = Float.intBitsToFloat(HalfPrecision.bf16ToFloatBits((short) p));
            assertBitsOrBothNaN(decoded[p], expected, p);
        }
    }

    @Test
    void everyF16PatternBecomesItsExactFloat32() {
        float[] decoded = decodeAll(SafeDType.F16, DataType.FLOAT32, allPatterns());
        for (int p = 0; p < PATTERNS; p++) {
            assertBitsOrBothNaN(decoded[p], HalfPrecision.f16ToFloat((short) p), p);
        }
    }

    @Test
    void everyBf16PatternFloat16CanHoldNarrowsToTheNearestFloat16() {
        short[] inRange = inRangePatterns();
        float[] decoded = decodeAll(SafeDType.BF16, DataType.FLOAT16, inRange);
        assertThat(inRange.length).isEqualTo(36_864);   // exponents up to 2^15, the tiny ones (rounding to 0), ±inf, NaN
        for (int i = 0; i < inRange.length; i++) {
            int bits = HalfPrecision.bf16ToFloatBits(inRange[i]);
            float expected = HalfPrecision.f16ToFloat(HalfPrecision.floatBitsToF16(bits));
            assertBitsOrBothNaN(decoded[i], expected, inRange[i] & 0xffff);
        }
    }

    @Test
    void aBf16ValueBeyondFloat16IsRefusedNamingTheTensor() {
        short[] values = {HalfPrecision.floatToBf16(1.5f), HalfPrecision.floatToBf16(-70_000f), HalfPrecision.floatToBf16(2f)};
        assertThatThrownBy(() -> decodeAll(SafeDType.BF16, DataType.FLOAT16, values))
                .isInstanceOf(Float16OverflowException.class)
                .hasMessageContaining("'model.layers.0.mlp.down_proj.weight'")
                .hasMessageContaining("70144")   // -70,000 in bfloat16
                .hasMessageContaining("65504")
                .hasMessageContaining("CPU");
    }

    private static float[] decodeAll(SafeDType source, DataType target, short[] patterns) {
        ByteBuffer bits = ByteBuffer.allocateDirect(patterns.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short p : patterns) {
            bits.putShort(p);
        }
        bits.flip();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu());
             HalfBitsDecoder decoder = new HalfBitsDecoder(manager);
             OwnedTensors owner = new OwnedTensors(manager, "test weights")) {
            NDArray decoded = decoder.decode("model.layers.0.mlp.down_proj.weight", bits, source,
                    new Shape(patterns.length), target, owner);
            assertThat(decoded.getDataType()).isEqualTo(target);
            return decoded.toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    private static short[] allPatterns() {
        short[] all = new short[PATTERNS];
        for (int p = 0; p < PATTERNS; p++) {
            all[p] = (short) p;
        }
        return all;
    }

    /** The BF16 patterns whose values float16 can hold (every finite one up to ±65504, the infinities, NaN). */
    private static short[] inRangePatterns() {
        short[] kept = new short[PATTERNS];
        int count = 0;
        for (int p = 0; p < PATTERNS; p++) {
            if (!overflows((short) p)) {
                kept[count++] = (short) p;
            }
        }
        return java.util.Arrays.copyOf(kept, count);
    }

    private static boolean overflows(short bf16) {
        int bits = HalfPrecision.bf16ToFloatBits(bf16);
        return HalfPrecision.overflowsF16(bits, HalfPrecision.floatBitsToF16(bits));
    }

    private static void assertBitsOrBothNaN(float actual, float expected, int pattern) {
        if (Float.isNaN(expected)) {
            assertThat(actual).as("pattern %04x", pattern).isNaN();
        } else {
            assertThat(Float.floatToRawIntBits(actual)).as("pattern %04x: %s", pattern, expected)
                    .isEqualTo(Float.floatToRawIntBits(expected));
        }
    }
}
