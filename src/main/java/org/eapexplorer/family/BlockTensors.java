package org.eapexplorer.family;

import java.io.IOException;

/**
 * The names and layouts of the tensors the engine computes with, whatever the family: every product is x·W (W of shape
 * [in, out], which may be a transposed view of nn.Linear's [out, in]); q, k and v are one [d, (H + 2·K)·e] matrix, the
 * q of the H query heads, then the k of the K key/value heads, then their v (K = H without grouped-query attention).
 * Grouped key/value heads are stored once: the engine repeats their outputs per query head (Hugging Face's repeat_kv),
 * so every query head still has its own k and v receivers. A family without biases leaves them out (the engine adds zeros);
 * an RMSNorm has no bias; a model with rotary positions has no {@link #POSITIONS}.
 */
public final class BlockTensors {

    public static final String EMBED = "embed";             // [V, d]
    public static final String POSITIONS = "positions";     // [n_positions, d], learned positions only
    public static final String FINAL_GAIN = "final.gain";   // [d]
    public static final String FINAL_BIAS = "final.bias";   // [d], LayerNorm only
    public static final String UNEMBED = "unembed";         // [V, d], absent when tied to EMBED

    public static final String NORM1_GAIN = "norm1.gain";   // [d]
    public static final String NORM1_BIAS = "norm1.bias";   // [d]
    public static final String QKV_WEIGHT = "qkv.weight";   // [d, (H + 2K)e]
    public static final String QKV_BIAS = "qkv.bias";       // [(H + 2K)e]
    public static final String OUT_WEIGHT = "out.weight";   // [He, d]
    public static final String OUT_BIAS = "out.bias";       // [d]
    public static final String NORM2_GAIN = "norm2.gain";   // [d]
    public static final String NORM2_BIAS = "norm2.bias";   // [d]
    public static final String FC_WEIGHT = "fc.weight";     // [d, m]: GPT-2's c_fc, a gated MLP's up projection
    public static final String FC_BIAS = "fc.bias";         // [m]
    public static final String GATE_WEIGHT = "gate.weight"; // [d, m]: a gated MLP's gate projection
    public static final String PROJ_WEIGHT = "proj.weight"; // [m, d]
    public static final String PROJ_BIAS = "proj.bias";     // [d]
    public static final String POST_ATTN_GAIN = "post_attn.gain"; // [d]: a sandwich block's norm of the attention output
    public static final String POST_MLP_GAIN = "post_mlp.gain";   // [d]: a sandwich block's norm of the MLP output
    public static final String Q_NORM_GAIN = "q_norm.gain"; // [e] per head (Qwen3), [He] over the whole projection (OLMo-2)
    public static final String K_NORM_GAIN = "k_norm.gain"; // [e] per head, [Ke] over the whole projection

    private BlockTensors() {
    }

    /** Layer l's tensor {@code what} ({@link #QKV_WEIGHT}, …). */
    public static String layer(int l, String what) {
        return "layers." + l + "." + what;
    }

    /** Where a family hands its tensors: each as the recipe that makes it from the checkpoint's. */
    @FunctionalInterface
    public interface Sink {
        void put(String name, TensorRecipe recipe) throws IOException;
    }
}
