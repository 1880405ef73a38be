package org.eapexplorer.family;

import java.util.List;

/**
 * How one block tensor ({@link BlockTensors}) is made from checkpoint tensors: what a family's reader says and the engine
 * carries out in native memory, in the checkpoint's own dtype. A family never holds a tensor's values itself, so a
 * BF16 checkpoint stays 2 bytes a weight from the file to the forward pass (no Java copy, no float32 copy).
 */
public sealed interface TensorRecipe {

    /** The shape of the tensor this recipe makes. */
    long[] shape();

    /** Checkpoint tensor {@code name} as stored, refused unless its shape is {@code shape}. */
    record Stored(String name, long[] shape) implements TensorRecipe {
        public Stored {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** A matrix's transpose: nn.Linear's [out, in] to the engine's x·W layout [in, out]. */
    record Transposed(TensorRecipe of) implements TensorRecipe {
        public Transposed {
            if (of.shape().length != 2) {
                throw new IllegalArgumentException("a transpose of a " + of.shape().length + "-dimensional tensor");
            }
        }

        @Override
        public long[] shape() {
            long[] s = of.shape();
            return new long[] {s[1], s[0]};
        }
    }

    /** Row blocks stacked along the first axis (q, k and v projections into one; their biases likewise). */
    record Rows(List<TensorRecipe> parts) implements TensorRecipe {
        public Rows {
            parts = List.copyOf(parts);
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("no row blocks to stack");
            }
        }

        @Override
        public long[] shape() {
            long[] first = parts.get(0).shape();
            long rows = 0;
            for (TensorRecipe p : parts) {
                long[] s = p.shape();
                if (s.length != first.length || (s.length == 2 && s[1] != first[1])) {
                    throw new IllegalArgumentException("row blocks of shapes " + TensorSource.describeShape(first)
                            + " and " + TensorSource.describeShape(s) + " do not stack");
                }
                rows += s[0];
            }
            long[] out = first.clone();
            out[0] = rows;
            return out;
        }
    }

    /**
     * Rows [heads·parts·e, …] in head-major order (head by head, within a head each part's e rows: GPT-NeoX's fused
     * query_key_value) put in part-major order: every head's first part, then every head's second, and so on.
     */
    record PartMajor(TensorRecipe of, int heads, int parts, int e) implements TensorRecipe {
        public PartMajor {
            if (of.shape()[0] != (long) heads * parts * e) {
                throw new IllegalArgumentException(of.shape()[0] + " rows are not " + heads + " heads × " + parts + " parts × " + e);
            }
        }

        @Override
        public long[] shape() {
            return of.shape();
        }
    }

    static TensorRecipe stored(String name, long... shape) {
        return new Stored(name, shape);
    }

    /** nn.Linear weight {@code name}, stored [out, in], as the engine's [in, out]. */
    static TensorRecipe linear(String name, long out, long in) {
        return new Transposed(new Stored(name, new long[] {out, in}));
    }

    static TensorRecipe rows(TensorRecipe... parts) {
        return new Rows(List.of(parts));
    }

    default TensorRecipe transposed() {
        return new Transposed(this);
    }
}
