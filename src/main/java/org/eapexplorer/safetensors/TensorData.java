package org.eapexplorer.safetensors;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor to be written by {@link SafetensorsWriter}: float values in row-major order plus the
 * dtype they are stored as. The values array is not copied, because model weights are large; do
 * not modify it until the write has finished.
 */
public record TensorData(DType dtype, long[] shape, float[] values) {

    public TensorData {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(values, "values");
        if (!dtype.isReadableAsFloat()) {
            throw new IllegalArgumentException("can only write F32, F16 or BF16 tensors, not " + dtype);
        }
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        long numel = TensorInfo.numel(shape);
        if (numel != values.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + numel
                    + " elements but " + values.length + " values were given");
        }
    }

    public static TensorData f32(float[] values, long... shape) {
        return new TensorData(DType.F32, shape, values);
    }

    public static TensorData f16(float[] values, long... shape) {
        return new TensorData(DType.F16, shape, values);
    }

    public static TensorData bf16(float[] values, long... shape) {
        return new TensorData(DType.BF16, shape, values);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    long byteLength() {
        return (long) values.length * dtype.byteSize();
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
