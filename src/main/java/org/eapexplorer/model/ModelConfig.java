package org.eapexplorer.model;

/**
 * Shape of a GPT-2-architecture model, as read from a Hugging Face {@code config.json}.
 *
 * @param dMlp width of the MLP hidden layer ({@code n_inner}, 4·d_model when absent)
 */
public record ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize,
                          double layerNormEps, Activation activation) {

    public ModelConfig {
        if (nLayer <= 0 || nHead <= 0 || dModel <= 0 || dMlp <= 0 || nPositions <= 0 || vocabSize <= 0) {
            throw new IllegalArgumentException("model dimensions must be positive: " + describe(nLayer, nHead, dModel, dMlp, nPositions, vocabSize));
        }
        if (dModel % nHead != 0) {
            throw new IllegalArgumentException("n_embd (" + dModel + ") must be divisible by n_head (" + nHead + ")");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_epsilon must be positive, got " + layerNormEps);
        }
    }

    public int dHead() {
        return dModel / nHead;
    }

    public GraphIndex graph() {
        return GraphIndex.of(nLayer, nHead);
    }

    private static String describe(int l, int h, int d, int m, int p, int v) {
        return "n_layer=" + l + " n_head=" + h + " n_embd=" + d + " n_inner=" + m + " n_positions=" + p + " vocab_size=" + v;
    }
}
