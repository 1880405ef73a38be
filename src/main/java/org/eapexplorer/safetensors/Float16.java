package org.eapexplorer.safetensors;

/**
 * IEEE 754 binary16 conversions. Java 17 lacks Float.float16ToFloat (added in 20), and the
 * conversions must be exact in both directions for models saved in F16 to round-trip bit for bit.
 */
public final class Float16 {

    private Float16() {
    }

    /** Exact: every half value, subnormals included, is representable as a float. */
    public static float toFloat(short half) {
        int bits = half & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0x1F) {
            // Shifting the payload up keeps a NaN a NaN and an infinity an infinity.
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        if (exp == 0) {
            // Subnormal (or zero): the value is mant * 2^-24, which a float holds exactly.
            float magnitude = mant * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        // Rebias the exponent from 15 to 127.
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /** Rounds to nearest, ties to even; overflow gives infinity, underflow a signed zero. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exp = (bits >>> 23) & 0xFF;
        int mant = bits & 0x7FFFFF;

        if (exp == 0xFF) {
            if (mant == 0) {
                return (short) (sign | 0x7C00);
            }
            // Truncating the payload may leave zero, which would turn the NaN into an infinity.
            int payload = mant >>> 13;
            return (short) (sign | 0x7C00 | (payload != 0 ? payload : 0x200));
        }

        int halfExp = exp - 127 + 15;
        if (halfExp >= 0x1F) {
            return (short) (sign | 0x7C00);
        }
        if (halfExp <= 0) {
            return (short) (sign | subnormal(exp, mant));
        }
        int rounded = (halfExp << 10) | (mant >>> 13);
        int rest = mant & 0x1FFF;
        if (rest > 0x1000 || (rest == 0x1000 && (rounded & 1) != 0)) {
            // A carry out of the mantissa correctly bumps the exponent, up to infinity.
            rounded++;
        }
        return (short) (sign | rounded);
    }

    /** Magnitude bits of a float below the smallest normal half (2^-14). */
    private static int subnormal(int floatExp, int floatMant) {
        // Below 2^-25 even rounding cannot reach the smallest subnormal; this also covers float
        // zeros and subnormals (floatExp == 0), whose implicit bit the formula below would get wrong.
        if (floatExp < 102) {
            return 0;
        }
        // value = full * 2^(floatExp - 150) and half subnormal = m * 2^-24, so m = full >> shift.
        int full = floatMant | 0x800000;
        int shift = 126 - floatExp; // 14..24
        int m = full >>> shift;
        int rest = full & ((1 << shift) - 1);
        int halfway = 1 << (shift - 1);
        if (rest > halfway || (rest == halfway && (m & 1) != 0)) {
            // May become 0x400, the smallest normal, which is the correct result.
            m++;
        }
        return m;
    }
}
