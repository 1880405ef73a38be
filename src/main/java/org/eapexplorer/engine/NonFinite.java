package org.eapexplorer.engine;

import java.util.Arrays;

/** Finds NaN and infinities in weights. */
final class NonFinite {

    private NonFinite() {
    }

    /** Index of the first NaN or ±∞, or -1. */
    static int firstIndex(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    static long count(float[] values) {
        long n = 0;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /** The flat index as a multi-index of the shape, {@code [3, 17]}. */
    static String position(long flat, long[] shape) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            index[d] = shape[d] == 0 ? 0 : rest % shape[d];
            rest = shape[d] == 0 ? rest : rest / shape[d];
        }
        return Arrays.toString(index);
    }
}
