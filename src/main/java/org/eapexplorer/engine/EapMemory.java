package org.eapexplorer.engine;

import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.ModelConfig;

/**
 * The memory an EAP batch takes, as a formula: the weights as held, a fixed part (the runtime, one layer's weights widened
 * to float32 while it runs, a piece of the unembedding) and a part per token of the batch (every pair's tokens, clean and
 * corrupted). docs/BENCHMARKS.md states it and holds measured peaks to it; the batch is chosen from it, and a run that
 * cannot fit one pair is refused before the model is loaded.
 *
 * <p>Per token, in float32: the stacked upstream differences ΔU (one d-vector per upstream node, the largest term at
 * scale: 1,057 nodes × 4,096 for Llama-3.1-8B), the two recorded runs (each layer's input, middle, head outputs, MLP
 * output, normalised input and q/k/v), the gradients kept for scoring, the LayerNorm dot products, and the activations
 * autograd holds: one layer's when gradients go layer by layer, every layer's otherwise. EAP-IG's other steps add
 * their own recorded inputs and gradients.
 *
 * @param weightBytes   the weights as held
 * @param fixedBytes    what a batch holds whatever its size, beside the weights
 * @param bytesPerToken what each token of each pair adds
 * @param bytesPerTokenPair what each token adds per token of its prompt: the attention scores and pattern
 */
public record EapMemory(long weightBytes, long fixedBytes, long bytesPerToken, long bytesPerTokenPair) {

    /** The JVM, libtorch and the program's own arrays, measured at about 0.6 GiB (docs/BENCHMARKS.md), with room. */
    static final long RUNTIME_BYTES = 1L << 30;

    /** The share of available memory a batch is sized to, leaving the rest to the allocator's slack. */
    public static final double USABLE_FRACTION = 0.85;

    /**
     * @param weightBytes the weights as held (the checkpoint's tensor bytes)
     * @param layerwise   whether gradient passes hold one layer's graph at a time (weights converted to the compute dtype)
     */
    public static EapMemory of(ModelConfig c, long weightBytes, boolean layerwise, MethodSpec method) {
        long d = c.dModel();
        long he = (long) c.nHead() * c.dHead();
        long layers = c.nLayer();
        long m = c.attnOnly() ? 0 : c.dMlp();
        long upstream = c.graph().upstreamCount();
        long recorded = layers * (4 * d + 4 * he + 1);                       // residPre, residMid, mlpOut, x̂; z, q/k/v; σ
        long gradients = 2 * (layers * (3 * he + d) + d);                    // the leaves' gradients and their sums for scoring
        long dots = upstream * (layers + 1) + layers * d;                     // Δu·x̂ per layer and Σ_d Δu; the stacked x̂
        long activations = 9 * he + 5 * d + 4 * m;                            // one layer under autograd, besides attention
        long attention = 2L * c.nHead() * (layerwise ? 1 : layers);          // its scores and pattern, per pair of tokens
        long perToken = upstream * d + 2 * recorded + gradients + dots + (layerwise ? activations + layers * d : layers * activations);
        int steps = method.gradientRuns();
        if (steps > 1) {
            perToken += recorded + (long) (steps - 1) * layers * (d + 3L * c.nHead());   // a stacked run; each step's x̂ and β
        }
        long layerParams = 3 * he * d + he * d + 3 * m * d;                   // upper bounds: q/k/v, out, a gated MLP
        long fixed = RUNTIME_BYTES + (layerwise ? layerParams * Float.BYTES : 0) + 4096L * d * Float.BYTES * 2;
        return new EapMemory(weightBytes, fixed, perToken * Float.BYTES, attention * Float.BYTES);
    }

    /** Bytes a batch of {@code pairs} pairs of {@code tokens} tokens takes, weights included. */
    public long bytes(int pairs, int tokens) {
        return weightBytes + fixedBytes + perPair(tokens) * pairs;
    }

    /**
     * The most pairs of {@code tokens} tokens that fit in {@code availableBytes} of free memory, at most {@code requested};
     * 0 if none. Asked by a process that holds the weights and the runtime already: only the fixed part's transient share
     * (a widened layer, a piece of the unembedding) comes out of the free memory beside the batch.
     */
    public int pairsThatFit(long availableBytes, int tokens, int requested) {
        long usable = (long) (availableBytes * USABLE_FRACTION) - transientBytes();
        long fits = usable <= 0 ? 0 : usable / Math.max(1, perPair(tokens));
        return (int) Math.min(requested, fits);
    }

    /** The fixed part but the runtime: what a batch allocates whatever its size. */
    public long transientBytes() {
        return Math.max(0, fixedBytes - RUNTIME_BYTES);
    }

    /** A pair's clean and corrupted prompts of {@code tokens} tokens. */
    public long perPair(int tokens) {
        return 2L * tokens * (bytesPerToken + bytesPerTokenPair * tokens);
    }

    /**
     * What a half-precision model's batch may take beyond the weights and the fixed part: what is left of a quarter of the
     * weights and 2 GiB once the fixed part and 512 MiB of allocator slack are counted, at least 512 MiB. A large model then
     * needs little more memory than its weights: peak RSS within 1.25 × the weights + 2 GiB, the bound issue 25 set
     * (docs/BENCHMARKS.md, "Memory").
     */
    public long leanBatchBytes() {
        long slack = 512L << 20;
        return Math.max(slack, weightBytes / 4 + (2L << 30) - fixedBytes - slack);
    }

    /** "15.0 GiB": bytes as messages write them. */
    public static String gib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }
}
