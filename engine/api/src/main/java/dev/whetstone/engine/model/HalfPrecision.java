package dev.whetstone.engine.model;

/**
 * Bit-exact conversions between float32 and the two 16-bit float formats of model checkpoints:
 * IEEE 754 binary16 ({@code F16}) and bfloat16 ({@code BF16}). Java 17 has neither
 * {@code Float.float16ToFloat} nor a bfloat16 type, so they are written out here.
 *
 * <p>Widening is exact (every 16-bit value is a float32 value, NaN payloads kept). Narrowing rounds
 * to nearest, ties to even, overflows to infinity, and keeps NaN a (quiet) NaN.
 *
 * <p>Example: {@code HalfPrecision.f16ToFloat((short) 0x3c00) == 1.0f}.
 */
public final class HalfPrecision {

    private HalfPrecision() {
    }

    /** float32 bits of the binary16 value {@code h}. */
    public static int f16ToFloatBits(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) { // infinity or NaN: keep the payload
            return sign | 0x7f800000 | (mantissa << 13);
        }
        if (exponent != 0) { // normal: rebias 15 -> 127
            return sign | ((exponent + 112) << 23) | (mantissa << 13);
        }
        if (mantissa == 0) {
            return sign; // +-0
        }
        // subnormal: mantissa * 2^-24, exact in float32 (mantissa < 2^10)
        return sign | Float.floatToRawIntBits(mantissa * 0x1p-24f);
    }

    /** The binary16 value {@code h} as a float. */
    public static float f16ToFloat(short h) {
        return Float.intBitsToFloat(f16ToFloatBits(h));
    }

    /** Whether the float32 with bits {@code f} is finite but its binary16 rounding {@code half} is infinite. */
    public static boolean overflowsF16(int f, short half) {
        boolean finite = (f & 0x7f80_0000) != 0x7f80_0000;
        return finite && (half & 0x7fff) == 0x7c00;
    }

    /** float32 bits of the bfloat16 value {@code b}: bfloat16 is the upper half of a float32. */
    public static int bf16ToFloatBits(short b) {
        return (b & 0xffff) << 16;
    }

    /** binary16 bits nearest to the float with bits {@code f} (ties to even). */
    public static short floatBitsToF16(int f) {
        int sign = (f >>> 16) & 0x8000;
        int exponent = (f >>> 23) & 0xff;
        int mantissa = f & 0x7fffff;
        if (exponent == 0xff) {
            if (mantissa == 0) {
                return (short) (sign | 0x7c00);
            }
            return (short) (sign | 0x7c00 | 0x200 | (mantissa >>> 13)); // quiet NaN, top payload bits
        }
        int e = exponent - 127 + 15; // binary16 biased exponent
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00); // overflow
        }
        if (e > 0) {
            int half = (e << 10) | (mantissa >>> 13);
            return (short) (sign | roundHalfEven(half, mantissa & 0x1fff, 13)); // a carry may reach inf: right
        }
        // subnormal or zero in binary16: significand * 2^(e - 14) in units of 2^-24
        int shift = 14 - e;
        if (shift > 24) {
            return (short) sign; // below half the smallest subnormal
        }
        int significand = mantissa | 0x800000;
        int half = significand >>> shift;
        return (short) (sign | roundHalfEven(half, significand & ((1 << shift) - 1), shift));
    }

    /** The binary16 value nearest to {@code f}. */
    public static short floatToF16(float f) {
        return floatBitsToF16(Float.floatToRawIntBits(f));
    }

    /** bfloat16 bits nearest to the float with bits {@code f} (ties to even). */
    public static short floatBitsToBf16(int f) {
        if ((f & 0x7f800000) == 0x7f800000 && (f & 0x7fffff) != 0) {
            return (short) ((f >>> 16) | 0x40); // NaN stays NaN even if the payload is in the low half
        }
        int lsb = (f >>> 16) & 1;
        return (short) ((f + 0x7fff + lsb) >>> 16);
    }

    /** The bfloat16 value nearest to {@code f}. */
    public static short floatToBf16(float f) {
        return floatBitsToBf16(Float.floatToRawIntBits(f));
    }

    /** {@code truncated} plus one if the dropped {@code bits} low bits {@code rest} round it up. */
    private static int roundHalfEven(int truncated, int rest, int bits) {
        int halfway = 1 << (bits - 1);
        if (rest > halfway || (rest == halfway && (truncated & 1) == 1)) {
            return truncated + 1;
        }
        return truncated;
    }
}
