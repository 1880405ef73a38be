package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.safetensors.TensorInfo;

/**
 * A safetensors checkpoint (one file or shards) as a family reads it: shapes checked against the config, NaN and ±∞
 * refused, each message naming the file that holds the tensor. It makes the block tensors a family's recipes describe
 * in native memory, each in its checkpoint dtype (F32, F16 or BF16: a BF16 weight stays 2 bytes), reading the file in
 * pieces through one reused buffer, so no tensor is ever held on the Java heap. It notes which tensors were read, so
 * that the loader can refuse the ones no family reads.
 */
final class CheckpointTensors implements TensorSource {

    /** The bytes read from the file at a time: the largest transient copy loading makes beside the weights. */
    static final int PIECE_BYTES = 32 << 20;

    private final SafetensorsCheckpoint file;
    private final Set<String> read = new HashSet<>();
    private final ByteBuffer piece = ByteBuffer.allocateDirect(PIECE_BYTES).order(ByteOrder.nativeOrder());

    CheckpointTensors(SafetensorsCheckpoint file) {
        this.file = file;
    }

    @Override
    public Set<String> names() {
        return file.names();
    }

    @Override
    public boolean has(String name) {
        return file.info(name).isPresent();
    }

    @Override
    public long[] shape(String name) {
        return file.info(name).map(TensorInfo::shape).orElse(null);
    }

    @Override
    public String fileOf(String name) {
        return where(name);
    }

    /**
     * The tensor {@code recipe} makes, in native memory owned by {@code m}, at the width of the checkpoint tensors it reads
     * (a transpose is noted, not made: the engine reads the held matrix transposed).
     */
    StoredTensor load(TensorRecipe recipe, NDManager m) throws IOException {
        if (recipe instanceof TensorRecipe.Stored s) {
            return stored(s.name(), s.shape(), m);
        }
        if (recipe instanceof TensorRecipe.Transposed t) {
            StoredTensor of = load(t.of(), m);
            return new StoredTensor(of.data(), of.bf16Bits(), !of.transposed());
        }
        if (recipe instanceof TensorRecipe.Rows r) {
            NDList parts = new NDList();
            Boolean bits = null;
            for (TensorRecipe part : r.parts()) {
                StoredTensor p = load(part, m);
                if (p.transposed() || (bits != null && bits != p.bf16Bits()) || (!parts.isEmpty() && parts.get(0).getDataType() != p.data().getDataType())) {
                    parts.add(p.data());
                    parts.close();
                    throw new ModelFormatException(describe() + ": the tensors " + r + " stacked into one are stored in different dtypes");
                }
                bits = p.bf16Bits();
                parts.add(p.data());
            }
            NDArray out = NDArrays.concat(parts, 0);
            parts.close();
            return new StoredTensor(out, bits, false);
        }
        TensorRecipe.PartMajor p = (TensorRecipe.PartMajor) recipe;
        StoredTensor rows = load(p.of(), m);
        long[] shape = rows.data().getShape().getShape();
        long width = shape.length == 1 ? 1 : shape[1];
        // The last reshape copies the permuted view into a contiguous array: a bitwise copy, whatever the dtype.
        NDArray out = rows.data().reshape(p.heads(), p.parts(), p.e(), width).transpose(1, 0, 2, 3).reshape(new Shape(shape));
        rows.data().close();
        return new StoredTensor(out, rows.bf16Bits(), false);
    }

    /** The tensors read so far. */
    Set<String> readNames() {
        return Set.copyOf(read);
    }

    @Override
    public String describe() {
        return file.description();
    }

    @Override
    public Path directory() {
        return file.directory();
    }

    private StoredTensor stored(String name, long[] expected, NDManager m) throws IOException {
        TensorInfo info = file.info(name).orElseThrow(() -> new ModelFormatException(file.description() + ": missing tensor '" + name
                + "'; expected shape " + TensorSource.describeShape(expected)));
        if (!Arrays.equals(info.shape(), expected)) {
            throw new ModelFormatException(where(name) + ": tensor '" + name + "' has shape " + TensorSource.describeShape(info.shape())
                    + " but config.json implies " + TensorSource.describeShape(expected));
        }
        DataType dtype = switch (info.dtype()) {
            case F32 -> DataType.FLOAT32;
            case F16 -> DataType.FLOAT16;
            case BF16 -> DataType.FLOAT16;   // its bits: DJL has no bfloat16 (see StoredTensor)
            default -> throw new ModelFormatException(where(name) + ": tensor '" + name + "' has dtype " + info.dtype()
                    + "; expected F32, F16 or BF16");
        };
        NDArray out = m.create(new Shape(info.numel()), dtype);
        long[] nonFinite = {0, -1};   // how many, and the first's flat index
        double[] firstValue = {0};
        file.readStored(name, piece, (bytes, first) -> {
            int count = bytes.remaining() / info.dtype().byteSize();
            for (int i = 0; i < count; i++) {
                if (!NonFinite.isFiniteStored(bytes, i, info.dtype()) && nonFinite[0]++ == 0) {
                    nonFinite[1] = first + i;
                    firstValue[0] = NonFinite.storedValue(bytes, i, info.dtype());
                }
            }
            // A tensor over the buffer itself (no copy), copied into its place in the native tensor at once.
            try (NDArray over = m.create(bytes.order(ByteOrder.nativeOrder()), new Shape(count), dtype)) {
                out.set(new NDIndex("{}:{}", first, first + count), over);
            }
        });
        if (nonFinite[0] > 0) {
            // A NaN or infinite weight makes every score NaN (or meaningless) without any error downstream.
            out.close();
            throw new ModelFormatException(where(name) + ": tensor '" + name + "' holds " + nonFinite[0] + " non-finite value"
                    + (nonFinite[0] == 1 ? "" : "s") + " (the first, " + (float) firstValue[0] + ", at "
                    + NonFinite.position(nonFinite[1], expected) + "); a model with NaN or infinite weights gives meaningless scores");
        }
        read.add(name);
        return new StoredTensor(out.reshape(new Shape(expected)), info.dtype() == DType.BF16, false);
    }

    /** The file that holds tensor {@code name}: its shard, for a sharded checkpoint. */
    private String where(String name) {
        return file.path(name).map(Path::toString).orElse(file.description());
    }
}
