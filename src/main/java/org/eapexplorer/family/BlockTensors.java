package org.eapexplorer.family;

import java.io.IOException;

/**
 * The names and layouts of the tensors the engine computes with, whatever the family: every product is x·W (W stored
 * [in, out]); q, k and v are one [d, 3·H·e] matrix, the q of all query heads, then their k, then their v — with
 * grouped-query attention each query head's k and v columns are a copy of its key/value head's (EAP-IG's ungrouping),
 * so every query head has its own k and v receivers. A family without biases leaves them out (the engine adds zeros);
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
    public static final String QKV_WEIGHT = "qkv.weight";   // [d, 3He]
    public static final String QKV_BIAS = "qkv.bias";       // [3He]
    public static final String OUT_WEIGHT = "out.weight";   // [He, d]
    public static final String OUT_BIAS = "out.bias";       // [d]
    public static final String NORM2_GAIN = "norm2.gain";   // [d]
    public static final String NORM2_BIAS = "norm2.bias";   // [d]
    public static final String FC_WEIGHT = "fc.weight";     // [d, m]: GPT-2's c_fc, a gated MLP's up projection
    public static final String FC_BIAS = "fc.bias";         // [m]
    public static final String GATE_WEIGHT = "gate.weight"; // [d, m]: a gated MLP's gate projection
    public static final String PROJ_WEIGHT = "proj.weight"; // [m, d]
    public static final String PROJ_BIAS = "proj.bias";     // [d]

    private BlockTensors() {
    }

    /** Layer l's tensor {@code what} ({@link #QKV_WEIGHT}, …). */
    public static String layer(int l, String what) {
        return "layers." + l + "." + what;
    }

    /** Where a family hands its tensors. */
    @FunctionalInterface
    public interface Sink {
        void put(String name, float[] values, long... shape) throws IOException;
    }

    /** The [cols, rows] transpose of a row-major [rows, cols] matrix: nn.Linear's [out, in] to x·W's [in, out]. */
    public static float[] transpose(float[] a, int rows, int cols) {
        if ((long) rows * cols != a.length) {
            throw new IllegalArgumentException(a.length + " values are not a " + rows + " × " + cols + " matrix");
        }
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /**
     * Key or value rows [kvHeads·e, w] (a projection's [out, in] rows, or a bias with w = 1) repeated so that each of the
     * {@code heads} query heads has its own: query head h reads key/value head h / (heads / kvHeads), as Hugging Face's
     * repeat_kv does.
     */
    public static float[] ungroup(float[] rows, int kvHeads, int heads, int e, int w) {
        if ((long) kvHeads * e * w != rows.length) {
            throw new IllegalArgumentException(rows.length + " values are not " + kvHeads + " heads × " + e + " × " + w);
        }
        int group = heads / kvHeads;
        float[] out = new float[heads * e * w];
        for (int h = 0; h < heads; h++) {
            System.arraycopy(rows, (h / group) * e * w, out, h * e * w, e * w);
        }
        return out;
    }

    /** Row blocks stacked: q, k, v rows of [*, w] into one [Σ, w] array (or biases, w = 1). */
    public static float[] concat(float[]... parts) {
        int n = 0;
        for (float[] p : parts) {
            n += p.length;
        }
        float[] out = new float[n];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
