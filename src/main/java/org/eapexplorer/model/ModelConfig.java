package org.eapexplorer.model;

/**
 * Shape of a GPT-2-architecture model, as read from a Hugging Face {@code config.json}.
 *
 * @param dMlp     width of the MLP hidden layer ({@code n_inner}, 4·d_model when absent); 0 for an attention-only model
 * @param attnOnly no MLPs: each block is LayerNorm → attention → residual add, as TransformerLens's {@code attn_only}
 *                 models (ACDC's docstring model); the graph then has no {@code m{l}} nodes
 */
public record ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize,
                          double layerNormEps, Activation activation, boolean attnOnly) {

    public ModelConfig {
        if (nLayer <= 0 || nHead <= 0 || dModel <= 0 || nPositions <= 0 || vocabSize <= 0 || (!attnOnly && dMlp <= 0)) {
            throw new IllegalArgumentException("model dimensions must be positive: " + describe(nLayer, nHead, dModel, dMlp, nPositions, vocabSize));
        }
        if (attnOnly && dMlp != 0) {
            // dMlp 0 is how the rest of the program can tell there is no MLP to size anything by.
            throw new IllegalArgumentException("an attention-only model has no MLP, so n_inner must be 0 here, got " + dMlp);
        }
        if (dModel % nHead != 0) {
            throw new IllegalArgumentException("n_embd (" + dModel + ") must be divisible by n_head (" + nHead + ")");
        }
        if (!(layerNormEps > 0)) {
            throw new IllegalArgumentException("layer_norm_epsilon must be positive, got " + layerNormEps);
        }
    }

    /** A model with an MLP in every layer. */
    public ModelConfig(int nLayer, int nHead, int dModel, int dMlp, int nPositions, int vocabSize, double layerNormEps,
                       Activation activation) {
        this(nLayer, nHead, dModel, dMlp, nPositions, vocabSize, layerNormEps, activation, false);
    }

    /** An attention-only model: no MLPs, so no MLP width. */
    public static ModelConfig attentionOnly(int nLayer, int nHead, int dModel, int nPositions, int vocabSize, double layerNormEps) {
        return new ModelConfig(nLayer, nHead, dModel, 0, nPositions, vocabSize, layerNormEps, Activation.GELU_TANH, true);
    }

    public int dHead() {
        return dModel / nHead;
    }

    public GraphIndex graph() {
        return GraphIndex.of(nLayer, nHead, attnOnly);
    }

    private static String describe(int l, int h, int d, int m, int p, int v) {
        return "n_layer=" + l + " n_head=" + h + " n_embd=" + d + " n_inner=" + m + " n_positions=" + p + " vocab_size=" + v;
    }
}
