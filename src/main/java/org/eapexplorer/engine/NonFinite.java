package org.eapexplorer.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eapexplorer.safetensors.BFloat16;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.Float16;

/** Finds NaN and infinities in weights. */
final class NonFinite {

    private NonFinite() {
    }

    /** Whether element {@code i} of little-endian stored {@code bytes} is finite: not all of its exponent bits set. */
    static boolean isFiniteStored(ByteBuffer bytes, int i, DType dtype) {
        return switch (dtype) {
            case F32 -> (bytes.getInt(i * 4) & 0x7F800000) != 0x7F800000;
            case F16 -> (bytes.getShort(i * 2) & 0x7C00) != 0x7C00;
            case BF16 -> (bytes.getShort(i * 2) & 0x7F80) != 0x7F80;
            default -> throw new IllegalArgumentException(dtype.name());
        };
    }

    /** Element {@code i} of little-endian stored {@code bytes} as a float, for messages. */
    static float storedValue(ByteBuffer bytes, int i, DType dtype) {
        return switch (dtype) {
            case F32 -> bytes.getFloat(i * 4);
            case F16 -> Float16.toFloat(bytes.getShort(i * 2));
            case BF16 -> BFloat16.toFloat(bytes.getShort(i * 2));
            default -> throw new IllegalArgumentException(dtype.name());
        };
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
