package org.eapexplorer.model;

import java.util.Random;

/**
 * The graphs of MIB's large models, made from their shapes without a checkpoint, and random scores for them: what the
 * million-edge tests and benchmarks load. Only layers, heads and MLPs make the graph; the other sizes are the models' own
 * but change nothing here.
 */
public final class LargeGraphs {

    private LargeGraphs() {
    }

    /** Llama-3.1-8B: 32 layers × 32 query heads (8 key/value heads, which the graph does not see), MLP 14,336. */
    public static ModelConfig llama31_8b() {
        return new ModelConfig(32, 32, 4096, 14_336, 131_072, 128_256, 1e-5, Activation.SILU);
    }

    /** Qwen2.5-0.5B: 24 layers × 14 query heads, MLP 4,864. */
    public static ModelConfig qwen25_05b() {
        return new ModelConfig(24, 14, 896, 4_864, 32_768, 151_936, 1e-6, Activation.SILU);
    }

    /**
     * Heavy-tailed scores like real EAP scores (most near zero, a few large), a fixed seed for each graph, with
     * {@code unscored} edges spread evenly left NaN (not computed).
     */
    public static EdgeScores randomScores(GraphIndex graph, long seed, int unscored) {
        float[] s = new float[graph.edgeCount()];
        Random random = new Random(seed);
        for (int e = 0; e < s.length; e++) {
            s[e] = (float) (random.nextGaussian() * Math.exp(2 * random.nextGaussian()) * 1e-3);
        }
        for (int i = 0; i < unscored; i++) {
            s[(int) ((long) i * s.length / unscored)] = Float.NaN;
        }
        return new EdgeScores(graph, s);
    }
}
