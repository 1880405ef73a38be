package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.Qkv;

/**
 * Layer l's q/k/v projections where receivers read something other than the layer's own residual stream: a circuit's
 * receivers (the stream as it is, the corrupted run's, or their own mixture) and receivers that carry a patching delta.
 * Each receiver changes only its own head's slice of the projection, through its own input norm
 * ({@link TransformerForward#norm1}); the q/k norms, rotary and attention that follow are the forward pass's.
 */
final class ReceiverQkv {

    private final ModelConfig config;
    private final GraphIndex graph;
    private final TransformerWeights w;
    private final TransformerForward forward;

    ReceiverQkv(ModelConfig config, GraphIndex graph, TransformerWeights w, TransformerForward forward) {
        this.config = config;
        this.graph = graph;
        this.w = w;
        this.forward = forward;
    }

    /**
     * Layer l's q/k/v, [B, P, 3He], when a circuit feeds its receivers: those that read the residual stream as it is,
     * and those that read the corrupted run's, share one LayerNorm and projection each; the rest are normalised and
     * projected by their own head one by one.
     */
    NDArray circuit(NDManager m, TransformerWeights.Layer lw, NDArray resid, CircuitInputs.AttentionInputs in, int b, int p) {
        int d = config.dModel();
        int heads = config.nHead();
        int e = config.dHead();
        float[] corruptedColumns = new float[3 * heads * e];
        boolean anyUnchanged = false;
        boolean anyCorrupted = false;
        for (int j = 0; j < in.reads().length; j++) {
            anyUnchanged |= in.reads()[j] == CircuitInputs.Reads.UNCHANGED;
            if (in.reads()[j] == CircuitInputs.Reads.CORRUPTED) {
                anyCorrupted = true;
                java.util.Arrays.fill(corruptedColumns, j * e, (j + 1) * e, 1f);   // receiver j = (q|k|v, head) owns columns j·e …
            }
        }
        NDArray qkv;
        if (anyUnchanged && anyCorrupted) {
            NDArray unchanged = project(m, lw, resid, p);
            NDArray mask = OwnedArrays.owned(m.create(corruptedColumns));
            qkv = unchanged.add(project(m, lw, in.corrupted(), p).sub(unchanged).mul(mask));
        } else if (anyCorrupted) {
            qkv = project(m, lw, in.corrupted(), p);
        } else if (anyUnchanged) {
            qkv = project(m, lw, resid, p);
        } else {
            qkv = m.zeros(new Shape(b, p, 3L * heads * e));
        }
        int[] own = in.own();
        if (own.length > 0) {
            NDIndex which = new NDIndex("{}", OwnedArrays.owned(m.create(java.util.Arrays.stream(own).asLongStream().toArray())));
            NDArray ln = forward.norm1(in.ownInputs(), lw);                                                          // [M, B, P, d]
            NDArray weightsT = w.receiverWeightsT(lw, m, own);                                              // [M, e, d]
            NDArray out = ln.reshape(own.length, (long) b * p, d).matMul(weightsT.transpose(0, 2, 1))
                    .add(w.receiverBias(lw, m, own))
                    .reshape(own.length, b, p, e);                                                        // [M, B, P, e]
            if (config.shortformer()) {
                out = out.add(shortformer(m, lw, p).reshape(p, 3L * heads, e).transpose(1, 0, 2).get(which).expandDims(1));
            }
            for (int k = 0; k < own.length; k++) {
                qkv.set(new NDIndex(":, :, {}:{}", own[k] * e, (own[k] + 1) * e), out.get(k));
            }
        }
        return qkv;
    }

    /** LayerNorm 1 and the q/k/v projection of {@code x} (with shortformer's positional term): [B, P, 3He]. */
    private NDArray project(NDManager m, TransformerWeights.Layer lw, NDArray x, int p) {
        NDArray ln1 = forward.norm1(x, lw);
        NDArray qkv = w.qkv.expand(ln1.matMul(lw.qkvWeight()).add(lw.qkvBias()));
        return config.shortformer() ? qkv.add(shortformer(m, lw, p)) : qkv;
    }

    /** Shortformer's positional term of layer l's q/k/v projections at positions 0 … p−1: [P, 3d], zero for v. */
    static NDArray shortformer(NDManager m, TransformerWeights.Layer lw, int p) {
        return lw.shortformerQkv().get(m, new NDIndex("0:{}", p));
    }

    /**
     * Receivers q/k/v of layer l that carry a delta see LN1(x + δ) instead of LN1(x); only their own
     * head's slice of the projection changes, by (LN1(x + δ) − LN1(x))·W (a shortformer's W_pos term cancels).
     */
    NDArray withDeltas(NDManager m, int l, TransformerWeights.Layer lw, NDArray resid, NDArray ln1, NDArray qkv, Map<Integer, NDArray> deltas) {
        if (deltas.isEmpty()) {
            return qkv;
        }
        int heads = config.nHead();
        int e = config.dHead();
        NDList slices = new NDList();
        boolean any = false;
        Shape sliceShape = null;
        for (Qkv which : Qkv.values()) {
            for (int h = 0; h < heads; h++) {
                NDArray delta = deltas.get(graph.receiverIndex(l, which, h));
                long col = w.storedColumn(which.ordinal() * heads + h);
                if (delta == null) {
                    slices.add(null);
                    continue;
                }
                any = true;
                NDArray lnPatched = forward.norm1(resid.add(delta), lw);
                NDArray weight = lw.qkvWeight().get(m, new NDIndex(":, {}:{}", col, col + e)); // [d, e]
                NDArray change = lnPatched.sub(ln1).matMul(weight);                        // [B, P, e]
                sliceShape = change.getShape();
                slices.add(change);
            }
        }
        if (!any) {
            return qkv;
        }
        for (int i = 0; i < slices.size(); i++) {
            if (slices.get(i) == null) {
                slices.set(i, m.zeros(sliceShape, DataType.FLOAT32, qkv.getDevice()));
            }
        }
        return qkv.add(NDArrays.concat(slices, -1));
    }
}
