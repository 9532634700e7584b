package dev.whetstone.engine.model;

import static dev.whetstone.engine.model.HalfPrecision.bf16ToFloatBits;
import static dev.whetstone.engine.model.HalfPrecision.f16ToFloatBits;
import static dev.whetstone.engine.model.HalfPrecision.floatBitsToBf16;
import static dev.whetstone.engine.model.HalfPrecision.floatBitsToF16;
import static dev.whetstone.engine.model.HalfPrecision.floatToBf16;
import static dev.whetstone.engine.model.HalfPrecision.floatToF16;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HalfPrecisionTest {

    private static int f16(int bits) {
        return f16ToFloatBits((short) bits);
    }

    private static float f16Value(int bits) {
        return Float.intBitsToFloat(f16(bits));
    }

    @Test
    void widensF16NormalsZerosAndExtremes() {
        assertThat(f16(0x0000)).isEqualTo(0x00000000);
        assertThat(f16(0x8000)).isEqualTo(0x80000000); // -0.0 keeps its sign
        assertThat(f16Value(0x3c00)).isEqualTo(1.0f);
        assertThat(f16Value(0xc000)).isEqualTo(-2.0f);
        assertThat(f16Value(0x7bff)).isEqualTo(65504f);
        assertThat(f16Value(0x0400)).isEqualTo(0x1p-14f);
        assertThat(f16Value(0x3555)).isEqualTo(0.333251953125f);
    }

    @Test
    void widensF16Subnormals() {
        assertThat(f16Value(0x0001)).isEqualTo(0x1p-24f);
        assertThat(f16Value(0x8001)).isEqualTo(-0x1p-24f);
        assertThat(f16Value(0x03ff)).isEqualTo(1023 * 0x1p-24f);
        assertThat(f16Value(0x0200)).isEqualTo(0x1p-15f);
    }

    @Test
    void widensF16InfinitiesAndNaNs() {
        assertThat(f16(0x7c00)).isEqualTo(0x7f800000);
        assertThat(f16(0xfc00)).isEqualTo(0xff800000);
        assertThat(f16(0x7e00)).isEqualTo(0x7fc00000);
        assertThat(f16(0x7c01)).isEqualTo(0x7f802000); // signalling payload kept
        assertThat(Float.isNaN(f16Value(0xfe00))).isTrue();
    }

    @Test
    void everyF16RoundTripsThroughFloat() {
        for (int h = 0; h < 0x10000; h++) {
            float f = f16Value(h);
            int back = floatToF16(f) & 0xffff;
            if (Float.isNaN(f)) {
                assertThat(back & 0x7c00).isEqualTo(0x7c00);
                assertThat(back & 0x3ff).isNotZero();
            } else {
                assertThat(back).as("half 0x%04x", h).isEqualTo(h);
            }
        }
    }

    @Test
    void narrowsToF16RoundingHalfToEven() {
        assertThat(floatToF16(1.0f + 0x1p-11f)).isEqualTo((short) 0x3c00); // tie: down to even
        assertThat(floatToF16(1.0f + 3 * 0x1p-11f)).isEqualTo((short) 0x3c02); // tie: up to even
        assertThat(floatToF16(1.0f + 0x1p-11f + 0x1p-20f)).isEqualTo((short) 0x3c01); // above tie
        assertThat(floatToF16(65519f)).isEqualTo((short) 0x7bff);
        assertThat(floatToF16(65520f)).isEqualTo((short) 0x7c00); // tie rounds to even = infinity
        assertThat(floatToF16(1e6f)).isEqualTo((short) 0x7c00);
        assertThat(floatToF16(-1e6f)).isEqualTo((short) 0xfc00);
    }

    @Test
    void narrowsToF16SubnormalsAndZero() {
        assertThat(floatToF16(0x1p-24f)).isEqualTo((short) 0x0001);
        assertThat(floatToF16(0x1p-25f)).isEqualTo((short) 0x0000); // tie to even 0
        assertThat(floatToF16(1.5f * 0x1p-25f)).isEqualTo((short) 0x0001);
        assertThat(floatToF16(3 * 0x1p-25f)).isEqualTo((short) 0x0002); // tie between 1 and 2 -> 2
        assertThat(floatToF16(1023.5f * 0x1p-24f)).isEqualTo((short) 0x0400); // rounds into the normals
        assertThat(floatToF16(Float.MIN_VALUE)).isEqualTo((short) 0x0000);
        assertThat(floatToF16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(floatToF16(-1e-10f)).isEqualTo((short) 0x8000);
    }

    @Test
    void narrowsNaNToF16NaN() {
        assertThat(floatBitsToF16(0x7fc00000)).isEqualTo((short) 0x7e00);
        assertThat(floatBitsToF16(0x7f800001) & 0xffff).satisfies(h -> {
            assertThat(h & 0x7c00).isEqualTo(0x7c00);
            assertThat(h & 0x3ff).isNotZero();
        });
        assertThat(floatToF16(Float.POSITIVE_INFINITY)).isEqualTo((short) 0x7c00);
    }

    @Test
    void widensBf16ByShifting() {
        assertThat(bf16ToFloatBits((short) 0x3f80)).isEqualTo(Float.floatToIntBits(1.0f));
        assertThat(bf16ToFloatBits((short) 0x8000)).isEqualTo(0x80000000);
        assertThat(bf16ToFloatBits((short) 0x0001)).isEqualTo(0x00010000); // subnormal
        assertThat(bf16ToFloatBits((short) 0x7f80)).isEqualTo(0x7f800000);
        assertThat(bf16ToFloatBits((short) 0xff80)).isEqualTo(0xff800000);
        assertThat(bf16ToFloatBits((short) 0x7fc1)).isEqualTo(0x7fc10000);
    }

    @Test
    void narrowsToBf16RoundingHalfToEven() {
        assertThat(floatToBf16(1.0f)).isEqualTo((short) 0x3f80);
        assertThat(floatToBf16(1.0f + 0x1p-8f)).isEqualTo((short) 0x3f80); // tie: down to even
        assertThat(floatToBf16(1.0f + 3 * 0x1p-8f)).isEqualTo((short) 0x3f82); // tie: up to even
        assertThat(floatToBf16(Float.MAX_VALUE)).isEqualTo((short) 0x7f80);
        assertThat(floatToBf16(-0.0f)).isEqualTo((short) 0x8000);
        assertThat(floatBitsToBf16(0x7f800001) & 0x7fff).isGreaterThan(0x7f80); // NaN stays NaN
    }
}
