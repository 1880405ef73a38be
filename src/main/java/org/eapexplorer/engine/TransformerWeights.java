package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.gpt2.Gpt2Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;

/**
 * A model's parameters on the compute device in the engine's one block layout ({@link BlockTensors}: x·W products,
 * q/k/v of every query head in one matrix, grouped key/value heads already copied out per query head), whatever the
 * family whose reader filled it, plus the arrays derived from them once (per-head views, norm gains folded into the
 * q/k/v projection). A family without biases gets zero biases, so every block computes the same way.
 */
final class TransformerWeights {

    /**
     * Per-layer parameters. Shapes use d = d_model, m = d_mlp, H query heads of width e; the MLP's are null without MLPs,
     * the norms' biases null for RMSNorm, {@code gateWeight} null unless the MLP is gated.
     */
    record Layer(
            NDArray ln1Gain, NDArray ln1Bias,      // [d]
            NDArray qkvWeight, NDArray qkvBias,     // [d, 3He], [3He]: q of all heads, then k, then v
            NDArray qkvHeadsT,                      // [3, H, e, d]: W_Q/K/V[h]ᵀ, a view of qkvWeight
            NDArray qkvHeadsTGain,                  // [3, H, e, d]: W_Q/K/V[h]ᵀ·diag(γ₁), the norm's gain folded in
            NDArray qkvHeadsTGainSum,               // [3, H, e]: Σ_d of the above
            NDArray qkvShift,                       // [3He]: b_qkv (+ β₁·W_qkv for LayerNorm), what the projection adds to x̂·diag(γ₁)·W_qkv
            NDArray outWeight, NDArray outBias,     // [He, d], [d]
            NDArray outHeads,                       // [H, e, d]: W_O[h], a view of outWeight
            NDArray ln2Gain, NDArray ln2Bias,       // [d]
            NDArray fcWeight, NDArray fcBias,       // [d, m], [m]: a gated MLP's up projection
            NDArray gateWeight,                     // [d, m]: a gated MLP's gate, null otherwise
            NDArray projWeight, NDArray projBias,   // [m, d], [d]
            NDArray shortformerQkv) {               // [n_positions, 3d]: W_pos·W_Q, W_pos·W_K, 0 (no v); null unless shortformer
    }

    final NDArray tokenEmbedding;    // [V, d]
    final NDArray positionEmbedding; // [P, d], null with rotary positions
    final List<Layer> layers;
    final NDArray lnFinalGain;       // [d]
    final NDArray lnFinalBias;       // [d], null for RMSNorm
    final NDArray unembedT;          // [d, V]

    private TransformerWeights(NDArray wte, NDArray wpe, List<Layer> layers, NDArray lnfG, NDArray lnfB, NDArray unembedT) {
        this.tokenEmbedding = wte;
        this.positionEmbedding = wpe;
        this.layers = layers;
        this.lnFinalGain = lnfG;
        this.lnFinalBias = lnfB;
        this.unembedT = unembedT;
    }

    /**
     * Reads a checkpoint through its family's reader: every tensor it names, none left over (tensors we would silently
     * drop would mean a different architecture: they are refused, except the family's known buffers).
     *
     * @param tied whether config.json lets the unembedding be the token embedding
     */
    static TransformerWeights load(CheckpointTensors source, ModelFamily family, ModelConfig c, boolean tied, NDManager manager)
            throws IOException {
        Map<String, NDArray> tensors = new HashMap<>();
        family.readWeights(c, tied, source, (name, values, shape) -> {
            if (tensors.containsKey(name)) {
                throw new IllegalStateException(name + " read twice");
            }
            tensors.put(name, OwnedArrays.owned(manager.create(values, new Shape(shape))));
        });
        Set<String> read = source.readNames();
        List<String> unexpected = new ArrayList<>();
        for (String name : source.names()) {
            if (!read.contains(name) && !family.isBuffer(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw new ModelFormatException(source.describe() + ": unexpected tensors for a " + c.family().displayName() + " model: "
                    + String.join(", ", unexpected.subList(0, Math.min(8, unexpected.size())))
                    + (unexpected.size() > 8 ? " … (" + unexpected.size() + " in all)" : ""));
        }
        return assemble(c, name -> tensors.get(name), tensors.containsKey(BlockTensors.UNEMBED) || !tied);
    }

    /**
     * Weights that are the given arrays themselves, keyed by GPT-2's Hugging Face names without prefix
     * ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, …; the unembedding tied to {@code wte}): a trainer's
     * parameters, so that a forward pass over them is differentiable in them. The derived arrays (transposes,
     * folded gains) are computed from the parameters now, so they are attached to the parameters' manager:
     * build these weights inside an {@link ai.djl.ndarray.NDScope} and close it after use.
     */
    static TransformerWeights ofParameters(ModelConfig c, Map<String, NDArray> parameters) {
        return assemble(c, name -> {
            String key = Gpt2Family.checkpointName(name);
            NDArray a = parameters.get(key);
            if (a == null) {
                throw new IllegalArgumentException("missing parameter '" + key + "'");
            }
            return a;
        }, false);
    }

    /** Where {@link #assemble} gets a block tensor; null for one the family does not have. */
    @FunctionalInterface
    private interface Tensors {
        NDArray get(String name);
    }

    private static TransformerWeights assemble(ModelConfig c, Tensors t, boolean untiedUnembedding) {
        int d = c.dModel();
        int h = c.nHead();
        int e = c.dHead();
        boolean rms = c.design().rmsNorm();
        NDArray wte = t.get(BlockTensors.EMBED);
        NDArray wpe = c.design().hasRotary() ? null : t.get(BlockTensors.POSITIONS);
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.nLayer(); l++) {
            final int layer = l;
            Tensors lt = what -> t.get(BlockTensors.layer(layer, what));
            NDArray qkvW = lt.get(BlockTensors.QKV_WEIGHT);
            NDArray ln1G = lt.get(BlockTensors.NORM1_GAIN);
            NDArray ln1B = rms ? null : lt.get(BlockTensors.NORM1_BIAS);
            NDArray qkvB = orZeros(lt.get(BlockTensors.QKV_BIAS), qkvW, 3L * h * e);
            NDArray headsT = qkvW.reshape(d, 3, h, e).transpose(1, 2, 3, 0);
            NDArray headsTGain = headsT.mul(ln1G);
            NDArray shift = ln1B == null ? qkvB : qkvB.add(ln1B.reshape(1, d).matMul(qkvW).reshape(3L * h * e));
            NDArray outW = lt.get(BlockTensors.OUT_WEIGHT);
            boolean mlp = !c.attnOnly();
            NDArray fcW = mlp ? lt.get(BlockTensors.FC_WEIGHT) : null;
            NDArray projW = mlp ? lt.get(BlockTensors.PROJ_WEIGHT) : null;
            layers.add(new Layer(
                    ln1G, ln1B,
                    qkvW, qkvB,
                    headsT, headsTGain, headsTGain.sum(new int[] {-1}),
                    shift,
                    outW, orZeros(lt.get(BlockTensors.OUT_BIAS), outW, d),
                    outW.reshape(h, e, d),
                    mlp ? lt.get(BlockTensors.NORM2_GAIN) : null, mlp && !rms ? lt.get(BlockTensors.NORM2_BIAS) : null,
                    fcW, mlp ? orZeros(lt.get(BlockTensors.FC_BIAS), fcW, c.dMlp()) : null,
                    mlp && c.design().gatedMlp() ? lt.get(BlockTensors.GATE_WEIGHT) : null,
                    projW, mlp ? orZeros(lt.get(BlockTensors.PROJ_BIAS), projW, d) : null,
                    c.shortformer() ? shortformerQkv(wpe, qkvW, d) : null));
        }
        NDArray lnfG = t.get(BlockTensors.FINAL_GAIN);
        NDArray lnfB = rms ? null : t.get(BlockTensors.FINAL_BIAS);
        NDArray unembed = untiedUnembedding ? t.get(BlockTensors.UNEMBED) : wte;
        return new TransformerWeights(wte, wpe, layers, lnfG, lnfB, unembed.transpose());
    }

    /** {@code bias}, or zeros of {@code size} beside {@code like} for a family without that bias. */
    private static NDArray orZeros(NDArray bias, NDArray like, long size) {
        return bias != null ? bias : like.getManager().zeros(new Shape(size), like.getDataType(), like.getDevice());
    }

    /**
     * What the shortformer positional embedding adds to the q/k/v projections at each position: TransformerLens feeds
     * LN1(x) + W_pos to the queries and keys and LN1(x) to the values, so q gains W_pos·W_Q, k gains W_pos·W_K and v
     * nothing. [n_positions, 3d], q of all heads, then k, then zeros.
     */
    private static NDArray shortformerQkv(NDArray wpe, NDArray qkvW, int d) {
        NDArray qk = wpe.matMul(qkvW.get(new NDIndex(":, 0:{}", 2 * d)));                       // [P, 2d]
        NDArray none = qk.getManager().zeros(new Shape(qk.getShape().get(0), d), qk.getDataType(), qk.getDevice());
        return NDArrays.concat(new NDList(qk, none), 1);                                         // [P, 3d]
    }
}
