package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import org.eapexplorer.model.ModelConfig;

/**
 * Where each q/k/v receiver's columns are in the stored projection. The weights keep grouped key/value heads once
 * ([d, (H + 2K)·e]: the H query heads' q, then the K key/value heads' k, then their v); the graph gives every query head
 * its own k and v receivers, so a projection's output is expanded to [.., 3·H·e] — query head h reads key/value head
 * h / (H / K), as Hugging Face's repeat_kv does — before the receivers' gradient leaves. Without grouping (K = H) the
 * expansion is the identity and costs nothing.
 */
final class QkvLayout {

    private final int heads;
    private final int kvHeads;
    private final int e;
    private final NDArray expandIndex;   // [3He] stored column of each expanded column; null when K = H

    QkvLayout(ModelConfig c, NDManager keep) {
        this.heads = c.nHead();
        this.kvHeads = c.kvHeads();
        this.e = c.dHead();
        this.expandIndex = grouped() ? OwnedArrays.owned(keep.create(expandedColumns())) : null;
    }

    boolean grouped() {
        return kvHeads != heads;
    }

    /** Width of the stored projection, (H + 2K)·e. */
    long storedWidth() {
        return (long) (heads + 2 * kvHeads) * e;
    }

    /** The stored head (0 … H + 2K − 1) that receiver slot j (q of head j for j below H, then k, then v) reads. */
    int storedHead(int slot) {
        int which = slot / heads;
        int h = slot % heads;
        int group = heads / kvHeads;
        return which == 0 ? h : heads + (which - 1) * kvHeads + h / group;
    }

    /** The stored heads of receiver slots {@code slots}, for an index over a [(H + 2K), …] array. */
    long[] storedHeads(int[] slots) {
        long[] out = new long[slots.length];
        for (int i = 0; i < slots.length; i++) {
            out[i] = storedHead(slots[i]);
        }
        return out;
    }

    /** {@code x} [..., (H + 2K)·e] with its last axis expanded to [..., 3·H·e]; {@code x} itself without grouping. */
    NDArray expand(NDArray x) {
        if (!grouped()) {
            return x;
        }
        Shape shape = x.getShape();
        long width = shape.get(shape.dimension() - 1);
        if (width != storedWidth()) {
            throw new IllegalArgumentException("a projection of width " + width + " where " + storedWidth() + " was expected");
        }
        long rows = shape.size() / width;
        long[] out = shape.getShape().clone();   // DJL hands out the shape's own array
        out[out.length - 1] = 3L * heads * e;
        return x.reshape(rows, width).get(new NDIndex(":, {}", expandIndex)).reshape(new Shape(out));
    }

    private long[] expandedColumns() {
        long[] columns = new long[3 * heads * e];
        for (int slot = 0; slot < 3 * heads; slot++) {
            long first = (long) storedHead(slot) * e;
            for (int j = 0; j < e; j++) {
                columns[slot * e + j] = first + j;
            }
        }
        return columns;
    }
}
