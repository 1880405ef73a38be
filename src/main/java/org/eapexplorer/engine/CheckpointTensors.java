package org.eapexplorer.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.safetensors.TensorInfo;

/**
 * A safetensors checkpoint (one file or shards) as a family reads it: shapes checked against the config, NaN and ±∞
 * refused, each message naming the file that holds the tensor; it notes which tensors were read, so that the loader can
 * refuse the ones no family reads.
 */
final class CheckpointTensors implements TensorSource {

    private final SafetensorsCheckpoint file;
    private final Set<String> read = new HashSet<>();

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

    @Override
    public float[] read(String name, long... expected) throws IOException {
        TensorInfo info = file.info(name).orElseThrow(() -> new ModelFormatException(file.description() + ": missing tensor '" + name
                + "'; expected shape " + TensorSource.describeShape(expected)));
        if (!Arrays.equals(info.shape(), expected)) {
            throw new ModelFormatException(where(name) + ": tensor '" + name + "' has shape " + TensorSource.describeShape(info.shape())
                    + " but config.json implies " + TensorSource.describeShape(expected));
        }
        float[] values = file.readFloats(name);
        requireFinite(values, name, expected);
        read.add(name);
        return values;
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

    /** The file that holds tensor {@code name}: its shard, for a sharded checkpoint. */
    private String where(String name) {
        return file.path(name).map(Path::toString).orElse(file.description());
    }

    /**
     * A NaN or infinite weight makes every score NaN (or meaningless) without any error downstream, so it is refused
     * here, naming the tensor. The values were just decoded (F16 and BF16 NaN/∞ decode to float NaN/∞), so the scan
     * costs one pass over memory already in cache; timings in docs/BENCHMARKS.md.
     */
    private void requireFinite(float[] values, String name, long[] shape) throws ModelFormatException {
        int first = NonFinite.firstIndex(values);
        if (first >= 0) {
            long count = NonFinite.count(values);
            throw new ModelFormatException(where(name) + ": tensor '" + name + "' holds " + count + " non-finite value"
                    + (count == 1 ? "" : "s") + " (the first, " + values[first] + ", at " + NonFinite.position(first, shape)
                    + "); a model with NaN or infinite weights gives meaningless scores");
        }
    }
}
