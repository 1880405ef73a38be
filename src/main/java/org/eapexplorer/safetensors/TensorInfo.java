package org.eapexplorer.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor's header entry. {@code begin} and {@code end} are byte offsets relative to the start
 * of the data section (the byte right after the JSON header), exactly as stored in the file.
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        // Copied so that a caller cannot change a validated shape behind the reader's back.
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in " + Arrays.toString(shape));
            }
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(name + ": bad offsets [" + begin + ", " + end + ")");
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Product of the shape; 1 for a scalar (empty shape). Validated not to overflow when parsed. */
    public long numel() {
        return numel(shape);
    }

    /** The elements a shape of non-negative dimensions holds; 1 for a scalar; ArithmeticException past a long. */
    static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    public long byteLength() {
        return end - begin;
    }

    // Records compare arrays by identity; two entries with equal shapes should be equal.
    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t
                && name.equals(t.name) && dtype == t.dtype && Arrays.equals(shape, t.shape)
                && begin == t.begin && end == t.end;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, dtype, Arrays.hashCode(shape), begin, end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape) + " @[" + begin + ", " + end + ")";
    }
}
