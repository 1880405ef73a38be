package org.eapexplorer.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;

/**
 * A weight as the checkpoint stores it, held once in native memory at its stored width: F32 as float32, F16 as float16,
 * BF16 as its 16 bits. DJL 0.36's PyTorch engine has no bfloat16 type (creating one aborts the process), so a BF16
 * weight's bits are kept in a float16-typed tensor that is only ever copied, never computed on, and widened to float32
 * exactly (a bfloat16 is the top half of a float32) when its layer runs: {@link #in}. {@code transposed} says the engine
 * reads it as the transpose of what is held (nn.Linear's [out, in] read as x·W's [in, out]), a view made after widening.
 *
 * @param data       contiguous, in the checkpoint's layout
 * @param bf16Bits   whether {@code data}'s float16 elements are bfloat16 bits
 * @param transposed whether the engine reads {@code data}'s transpose
 */
record StoredTensor(NDArray data, boolean bf16Bits, boolean transposed) {

    /** Elements widened at a time: a ByteBuffer over a tensor holds at most 2 GiB. */
    private static final long WIDEN_PIECE = 1L << 28;

    StoredTensor {
        if (transposed && data.getShape().dimension() != 2) {
            throw new IllegalArgumentException("a transposed tensor of shape " + data.getShape());
        }
    }

    /** The engine's view of this tensor, its shape as read. */
    Shape shape() {
        Shape s = data.getShape();
        return transposed ? new Shape(s.get(1), s.get(0)) : s;
    }

    DataType storedType() {
        return bf16Bits ? DataType.BFLOAT16 : data.getDataType();
    }

    long bytes() {
        return data.size() * data.getDataType().getNumOfBytes();
    }

    /** This tensor as the engine reads it, in dtype {@code type}: the held array itself (or its transpose) when it already is, else a copy attached to {@code m}. */
    NDArray in(DataType type, NDManager m) {
        NDArray out = data;
        if (bf16Bits || data.getDataType() != type) {
            out = widen(data, bf16Bits, type, m);
        }
        return transposed ? out.transpose() : out;
    }

    /** Rows of {@code data} (its first axis) picked by {@code index}, in dtype {@code type}, in {@code m}; not for a transposed tensor. */
    NDArray rows(NDManager m, NDIndex index, DataType type) {
        if (transposed) {
            throw new IllegalStateException("rows of a transposed tensor");
        }
        NDArray picked = data.get(m, index);
        if (!bf16Bits && picked.getDataType() == type) {
            return picked;
        }
        NDArray out = widen(picked, bf16Bits, type, m);
        picked.close();
        return out;
    }

    /** {@code a} in dtype {@code type} in {@code m}; bfloat16 bits are widened to float32 first. */
    static NDArray widen(NDArray a, boolean bf16Bits, DataType type, NDManager m) {
        if (!bf16Bits) {
            NDArray converted = a.toType(type, false);
            converted.attach(m);
            return converted;
        }
        NDArray f32 = bf16ToFloat32(a, m);
        if (type == DataType.FLOAT32) {
            return f32;
        }
        NDArray converted = f32.toType(type, false);
        f32.close();
        converted.attach(m);
        return converted;
    }

    /** Float32 values of contiguous bfloat16 bits held as float16: each is the bits shifted into a float's top half, exact. */
    private static NDArray bf16ToFloat32(NDArray bits, NDManager m) {
        Device device = bits.getDevice();
        NDArray src = device.isGpu() ? bits.toDevice(Device.cpu(), false) : bits;   // widened on the CPU, the only place Java can reach
        NDArray out = m.create(src.getShape(), DataType.FLOAT32, Device.cpu());
        long n = src.size();
        NDArray flatSrc = src.reshape(n);
        NDArray flatOut = out.reshape(n);
        for (long first = 0; first < n; first += WIDEN_PIECE) {
            long last = Math.min(n, first + WIDEN_PIECE);
            NDIndex range = new NDIndex("{}:{}", first, last);
            try (NDArray s = flatSrc.get(range); NDArray d = flatOut.get(range)) {
                ShortBuffer from = s.toByteBuffer(true).asShortBuffer();
                IntBuffer to = d.toByteBuffer(true).asIntBuffer();
                int count = (int) (last - first);
                for (int i = 0; i < count; i++) {
                    to.put(i, from.get(i) << 16);
                }
            }
        }
        flatSrc.close();
        flatOut.close();
        if (src != bits) {
            src.close();
        }
        if (device.isGpu()) {
            NDArray onDevice = out.toDevice(device, false);
            out.close();
            onDevice.attach(m);
            return onDevice;
        }
        return out;
    }
}
