package org.eapexplorer.safetensors;

/** bfloat16 is the upper half of a float, so only the float-to-bf16 direction needs rounding. */
public final class BFloat16 {

    private BFloat16() {
    }

    public static float toFloat(short bf16) {
        return Float.intBitsToFloat((bf16 & 0xFFFF) << 16);
    }

    /** Rounds to nearest, ties to even; values past the largest bf16 become infinity. */
    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            // Rounding could carry a NaN into infinity or drop its payload; force a quiet NaN.
            return (short) ((bits >>> 16) | 0x0040);
        }
        int roundingBias = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + roundingBias) >>> 16);
    }
}
