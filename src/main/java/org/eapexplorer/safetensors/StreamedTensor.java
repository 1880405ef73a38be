package org.eapexplorer.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor to be written whose values are produced while it is written, a buffer at a time, so that a
 * model of gigabytes (a random one, say) is written without ever being held in memory. {@link TensorData}
 * is the same for values already in an array. Its values can be drawn once: write it once.
 *
 * @param values called with consecutive stretches of the flattened tensor, in row-major order, until
 *               {@link #numel()} values have been asked for
 */
public record StreamedTensor(String name, DType dtype, long[] shape, Values values) {

    /** The source of a tensor's values. */
    @FunctionalInterface
    public interface Values {
        /** Writes the next {@code count} values into {@code buffer[0 .. count)}. */
        void next(float[] buffer, int count);
    }

    public StreamedTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(values, "values");
        if (!dtype.isReadableAsFloat()) {
            throw new IllegalArgumentException(name + ": can only write F32, F16 or BF16 tensors, not " + dtype);
        }
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in shape " + Arrays.toString(shape));
            }
        }
        TensorInfo.numel(shape);   // refuses a shape whose element count overflows
    }

    /** The values of {@code data}, taken from its array. */
    public static StreamedTensor of(String name, TensorData data) {
        float[] all = data.values();
        int[] done = {0};
        return new StreamedTensor(name, data.dtype(), data.shape(), (buffer, count) -> {
            System.arraycopy(all, done[0], buffer, 0, count);
            done[0] += count;
        });
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long numel() {
        return TensorInfo.numel(shape);
    }

    public long byteLength() {
        return numel() * dtype.byteSize();
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
