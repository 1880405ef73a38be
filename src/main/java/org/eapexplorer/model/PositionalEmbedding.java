package org.eapexplorer.model;

/**
 * Where a model's learned positional embedding W_pos enters, as TransformerLens's
 * {@code positional_embedding_type} names it.
 */
public enum PositionalEmbedding {
    /** GPT-2's: W_pos[position] is added to the token embedding once, so the residual stream carries it. */
    STANDARD("standard"),
    /**
     * TransformerLens's "shortformer" (Press et al. 2021), used by its attention-only models such as ACDC's
     * attn-only-4l: the residual stream starts from the token embedding alone, and every layer adds W_pos[position]
     * to the LayerNorm-1 output that its queries and keys read (q = (LN1(x) + W_pos)·W_Q + b_Q, k likewise),
     * never to the values and never to the residual stream.
     */
    SHORTFORMER("shortformer"),
    /** No learned positions: queries and keys are rotated by position ({@link Rotary}); Llama's, Qwen2's, GPT-NeoX's. */
    ROTARY("rotary");

    private final String configName;

    PositionalEmbedding(String configName) {
        this.configName = configName;
    }

    /** The value of {@code positional_embedding_type} in config.json. */
    public String configName() {
        return configName;
    }

    /** Parses a {@code positional_embedding_type} value; null when the name is unknown. */
    public static PositionalEmbedding fromConfigName(String name) {
        for (PositionalEmbedding p : values()) {
            if (p.configName.equals(name)) {
                return p;
            }
        }
        return null;
    }
}
