package org.eapexplorer.runtime;

import org.eapexplorer.model.ModelConfig;

/**
 * How many prompt pairs fit in one EAP batch on a GPU, from the memory it has free. A batch that does not
 * fit fails with CUDA out-of-memory after minutes of work; the CPU has swap and no such wall, so the rule
 * is only applied on a GPU (ModelDevice.fitBatchSize), and only ever lowers the batch the user asked for.
 *
 * <p>The estimate is deliberately generous: per pair and per token, EAP holds the clean run's activations and
 * the corrupted run's (saved for the difference), the gradients of the backward pass, and libtorch's
 * workspace, taken as {@value #COPIES} float copies of every layer's residual-sized tensors (4 × d_model for
 * attention in and out, d_mlp for the MLP), the attention pattern (heads × tokens), and the logits.
 */
public final class GpuBatchSize {

    /** Clean and corrupted activations, their gradients, and the same again for libtorch's temporaries. */
    static final int COPIES = 6;
    /** What is left for libtorch's caching allocator and fragmentation. */
    static final double USABLE_FRACTION = 0.8;

    private GpuBatchSize() {
    }

    /** Estimated bytes one prompt pair of {@code tokens} tokens needs during an EAP batch. */
    public static long bytesPerPair(ModelConfig config, int tokens) {
        long perTokenPerLayer = 4L * config.dModel() + config.dMlp() + (long) config.nHead() * tokens;
        long perToken = config.nLayer() * perTokenPerLayer + config.vocabSize();
        return COPIES * Float.BYTES * perToken * tokens;
    }

    /** The requested batch, lowered to what fits in {@code freeBytes}; at least 1 (one pair must be tried). */
    public static int fit(int requested, long freeBytes, ModelConfig config, int tokens) {
        if (requested <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + requested);
        }
        long fits = (long) (freeBytes * USABLE_FRACTION) / Math.max(1, bytesPerPair(config, Math.max(1, tokens)));
        return (int) Math.max(1, Math.min(requested, fits));
    }
}
