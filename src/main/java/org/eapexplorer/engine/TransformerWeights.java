package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
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
 * A model's parameters on the compute device in the engine's one block layout ({@link BlockTensors}: x·W products, the
 * q/k/v projection one matrix with grouped key/value heads stored once), whatever the family whose reader filled it.
 * Each tensor is held once, in its checkpoint's dtype: a BF16 model takes 2 bytes a weight. The passes compute in
 * {@link #compute} (float32 unless chosen otherwise): {@link #layer} gives one layer's weights in it, converted while
 * that layer runs and freed after, so a whole-model float32 copy never exists. A family without biases gets zero biases,
 * so every block computes the same way.
 */
final class TransformerWeights {

    /**
     * One layer's parameters as the passes read them, in the compute dtype. Shapes use d = d_model, m = d_mlp, H query and
     * K key/value heads of width e; the MLP's are null without MLPs, the norms' biases null for RMSNorm, norms 1 and 2 null
     * without input norms (OLMo-2), {@code gateWeight} null unless the MLP is gated.
     */
    record Layer(
            NDArray ln1Gain, NDArray ln1Bias,      // [d]
            NDArray qkvWeight, NDArray qkvBias,     // [d, (H + 2K)e], [(H + 2K)e]: q of all query heads, then k, then v
            NDArray outWeight, NDArray outBias,     // [He, d], [d]
            NDArray ln2Gain, NDArray ln2Bias,       // [d]
            NDArray fcWeight, NDArray fcBias,       // [d, m], [m]: a gated MLP's up projection
            NDArray gateWeight,                     // [d, m]: a gated MLP's gate, null otherwise
            NDArray projWeight, NDArray projBias,   // [m, d], [d]
            NDArray shortformerQkv,                 // [n_positions, 3d]: W_pos·W_Q, W_pos·W_K, 0 (no v); null unless shortformer
            NDArray postAttnGain, NDArray postMlpGain, // [d]: a sandwich block's post-norms (PostNorm); null without them
            NDArray qNormGain, NDArray kNormGain) { // [e]: the per-head q/k RMSNorms' gains (Qwen3); [H, 1, e] over the whole
    }                                           // projection (OLMo-2: k's per query head); null without q/k norms

    /** One layer's parameters as held: {@link Layer}'s, each at its stored width. */
    record StoredLayer(
            StoredTensor ln1Gain, StoredTensor ln1Bias, StoredTensor qkvWeight, StoredTensor qkvBias,
            StoredTensor outWeight, StoredTensor outBias, StoredTensor ln2Gain, StoredTensor ln2Bias,
            StoredTensor fcWeight, StoredTensor fcBias, StoredTensor gateWeight, StoredTensor projWeight, StoredTensor projBias,
            StoredTensor shortformerQkv, StoredTensor postAttnGain, StoredTensor postMlpGain,
            StoredTensor qNormGain, StoredTensor kNormGain) {

        /** This layer in dtype {@code type}: each tensor converted into {@code m}, or itself when it already is. */
        Layer in(DataType type, NDManager m) {
            return new Layer(as(ln1Gain, type, m), as(ln1Bias, type, m), as(qkvWeight, type, m), as(qkvBias, type, m),
                    as(outWeight, type, m), as(outBias, type, m), as(ln2Gain, type, m), as(ln2Bias, type, m),
                    as(fcWeight, type, m), as(fcBias, type, m), as(gateWeight, type, m), as(projWeight, type, m),
                    as(projBias, type, m), as(shortformerQkv, type, m), as(postAttnGain, type, m), as(postMlpGain, type, m),
                    as(qNormGain, type, m), as(kNormGain, type, m));
        }

        /** The layer's tensors; null for those the family does not have. */
        List<StoredTensor> all() {
            return java.util.Arrays.asList(ln1Gain, ln1Bias, qkvWeight, qkvBias, outWeight, outBias, ln2Gain, ln2Bias, fcWeight,
                    fcBias, gateWeight, projWeight, projBias, shortformerQkv, postAttnGain, postMlpGain,
                    qNormGain, kNormGain);
        }
    }

    /** Vocabulary rows of a stored unembedding converted at a time for the logits: 64 MB of float32 at d = 4096. */
    private static final long UNEMBED_ROWS_PER_PIECE = 4096;

    final StoredTensor tokenEmbedding;   // [V, d]
    final NDArray positionEmbedding;     // [P, d], null with rotary positions; in the compute dtype
    final List<StoredLayer> layers;
    final NDArray lnFinalGain;           // [d], in the compute dtype
    final NDArray lnFinalBias;           // [d], null for RMSNorm
    final StoredTensor unembed;          // [V, d]: the token embedding itself when tied
    /** The dtype the passes compute in. */
    final DataType compute;
    final QkvLayout qkv;
    private final ModelConfig config;

    private TransformerWeights(ModelConfig config, StoredTensor wte, NDArray wpe, List<StoredLayer> layers, NDArray lnfG, NDArray lnfB,
                               StoredTensor unembed, DataType compute, QkvLayout qkv) {
        this.config = config;
        this.tokenEmbedding = wte;
        this.positionEmbedding = wpe;
        this.layers = layers;
        this.lnFinalGain = lnfG;
        this.lnFinalBias = lnfB;
        this.unembed = unembed;
        this.compute = compute;
        this.qkv = qkv;
    }

    /**
     * Reads a checkpoint through its family's reader: every tensor it names, none left over (tensors we would silently
     * drop would mean a different architecture: they are refused, except the family's known buffers).
     *
     * @param tied    whether config.json lets the unembedding be the token embedding
     * @param compute the dtype the passes compute in
     */
    static TransformerWeights load(CheckpointTensors source, ModelFamily family, ModelConfig c, boolean tied, NDManager manager,
                                   DataType compute) throws IOException {
        Map<String, StoredTensor> tensors = new HashMap<>();
        try {
            family.readWeights(c, tied, source, (name, recipe) -> {
                if (tensors.containsKey(name)) {
                    throw new IllegalStateException(name + " read twice");
                }
                tensors.put(name, source.load(recipe, manager));
            });
        } catch (IOException | RuntimeException e) {
            tensors.values().forEach(t -> t.data().close());
            throw e;
        }
        Set<String> read = source.readNames();
        List<String> unexpected = new ArrayList<>();
        for (String name : source.names()) {
            if (!read.contains(name) && !family.isBuffer(name)) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            tensors.values().forEach(t -> t.data().close());
            throw new ModelFormatException(source.describe() + ": unexpected tensors for a " + c.family().displayName() + " model: "
                    + String.join(", ", unexpected.subList(0, Math.min(8, unexpected.size())))
                    + (unexpected.size() > 8 ? " … (" + unexpected.size() + " in all)" : ""));
        }
        return assemble(c, tensors::get, tensors.containsKey(BlockTensors.UNEMBED) || !tied, compute, manager);
    }

    /**
     * Weights that are the given arrays themselves, keyed by GPT-2's Hugging Face names without prefix
     * ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, …; the unembedding tied to {@code wte}): a trainer's
     * parameters, so that a forward pass over them is differentiable in them. Anything derived (zero biases, shortformer's
     * table) is attached to the parameters' manager: build these weights inside an {@link ai.djl.ndarray.NDScope} and
     * close it after use.
     */
    static TransformerWeights ofParameters(ModelConfig c, Map<String, NDArray> parameters) {
        NDManager m = parameters.values().iterator().next().getManager();
        return assemble(c, name -> {
            String key = Gpt2Family.checkpointName(name);
            NDArray a = parameters.get(key);
            if (a == null) {
                throw new IllegalArgumentException("missing parameter '" + key + "'");
            }
            return new StoredTensor(a, false, false);
        }, false, DataType.FLOAT32, m);
    }

    /** Layer l's weights in the compute dtype, converted into {@code m} where stored otherwise. */
    Layer layer(int l, NDManager m) {
        return layers.get(l).in(compute, m);
    }

    /** Whether some weight is stored in a dtype other than the compute dtype, so that passes convert it layer by layer. */
    boolean converts() {
        return held().anyMatch(t -> t.storedType() != compute);
    }

    /** Bytes the weights take where they are held. */
    long bytes() {
        return held().mapToLong(StoredTensor::bytes).sum() + arrayBytes(positionEmbedding) + arrayBytes(lnFinalGain) + arrayBytes(lnFinalBias);
    }

    /** Every tensor held at its stored width, each once (a tied unembedding is the embedding). */
    private java.util.stream.Stream<StoredTensor> held() {
        return java.util.stream.Stream.concat(
                java.util.stream.Stream.of(tokenEmbedding, unembed == tokenEmbedding ? null : unembed),
                layers.stream().flatMap(l -> l.all().stream())).filter(java.util.Objects::nonNull);
    }

    /** Final-logit soft-capping c (0 for none): the logits the metric reads are c·tanh(logits/c). */
    double finalSoftcap() {
        return config.design().residual().finalSoftcap();
    }

    /** Rows {@code ids} of the token embedding, in the compute dtype. */
    NDArray embed(NDManager m, NDArray ids) {
        return tokenEmbedding.rows(m, new NDIndex("{}", ids), compute);
    }

    /** The learned positional embedding of positions 0 … p−1, [p, d]. */
    NDArray positions(NDManager m, int p) {
        return positionEmbedding.get(m, new NDIndex("0:{}", p));
    }

    /** {@code normed} [N, d] times the unembedding: the logits [N, V], converting a stored unembedding a piece at a time. */
    NDArray logits(NDArray normed) {
        if (unembed.storedType() == compute) {
            return normed.matMul(unembed.data().transpose());
        }
        long vocab = unembed.data().getShape().get(0);
        NDList pieces = new NDList();
        for (long v0 = 0; v0 < vocab; v0 += UNEMBED_ROWS_PER_PIECE) {
            long v1 = Math.min(vocab, v0 + UNEMBED_ROWS_PER_PIECE);
            NDArray converted = unembed.rows(normed.getManager(), new NDIndex("{}:{}", v0, v1), compute);
            pieces.add(normed.matMul(converted.transpose()));
            converted.close();
        }
        if (pieces.size() == 1) {
            return pieces.get(0);   // DJL's concat of one array is a copy detached from autograd
        }
        NDArray out = NDArrays.concat(pieces, -1);
        pieces.close();
        return out;
    }

    /** {@code logitsGrad} [N, V] times the unembedding [V, d]: the gradient at the final norm's output, a piece at a time. */
    NDArray unembedBackward(NDArray logitsGrad) {
        if (unembed.storedType() == compute) {
            return logitsGrad.matMul(unembed.data());
        }
        NDManager m = logitsGrad.getManager();
        long vocab = unembed.data().getShape().get(0);
        NDArray sum = null;
        for (long v0 = 0; v0 < vocab; v0 += UNEMBED_ROWS_PER_PIECE) {
            long v1 = Math.min(vocab, v0 + UNEMBED_ROWS_PER_PIECE);
            try (NDArray rows = unembed.rows(m, new NDIndex("{}:{}", v0, v1), compute);
                 NDArray part = logitsGrad.get(new NDIndex(":, {}:{}", v0, v1)).matMul(rows)) {
                if (sum == null) {
                    sum = part.duplicate();
                } else {
                    sum.addi(part);
                }
            }
        }
        return sum;
    }

    /** The unembedding's columns of tokens {@code index} [T], [d, T] in the compute dtype. */
    NDArray unembedColumns(NDManager m, NDArray index) {
        return into(m, () -> unembed.rows(m, new NDIndex("{}", index), compute).transpose());
    }

    // ---- what the EAP kernel, the circuit runner and the probes derive from one layer, widening only the tensors they read:
    // each in the compute dtype, made in
    // its own scope (a product called on a weight would otherwise be attached to the model's manager and kept until the
    // model closes) and handed to the caller's manager.

    /**
     * [3, H, e, d]: each receiver's W_Q/K/V[h]ᵀ·diag(γ₁), a grouped key/value head's repeated for each of its query heads;
     * W_Q/K/V[h]ᵀ itself without input norms (OLMo-2).
     */
    NDArray qkvHeadsTGain(int l, NDManager m) {
        int d = config.dModel();
        StoredLayer stored = layers.get(l);
        return into(m, () -> {
            NDArray t = qkv.expand(stored.qkvWeight().in(compute, m)).reshape(d, 3, config.nHead(), config.dHead()).transpose(1, 2, 3, 0);
            return stored.ln1Gain() == null ? t.duplicate() : t.mul(stored.ln1Gain().in(compute, m));
        });
    }

    /** [3·H·e]: b_qkv (+ β₁·W_qkv for LayerNorm), what the projection adds to x̂·diag(γ₁)·W_qkv, per receiver column. */
    NDArray qkvShift(int l, NDManager m) {
        StoredLayer stored = layers.get(l);
        return into(m, () -> {
            NDArray bias = stored.qkvBias().in(compute, m);
            NDArray shift = stored.ln1Bias() == null ? bias : bias.add(stored.ln1Bias().in(compute, m).reshape(1, config.dModel())
                    .matMul(stored.qkvWeight().in(compute, m)).reshape(qkv.storedWidth()));
            return qkv.expand(shift).duplicate();
        });
    }

    /** z [rows, H, e] → [H, rows, d]: every head's z_h·W_O[h] of layer l, in z's manager. */
    NDArray headOutputs(NDArray z, int l) {
        NDManager m = z.getManager();
        StoredTensor out = layers.get(l).outWeight();
        return into(m, () -> z.transpose(1, 0, 2).matMul(out.in(compute, m).reshape(config.nHead(), config.dHead(), config.dModel())));
    }

    /**
     * Layer l's post-attention norm gain [d] in the compute dtype; null without post-norms. The held gain itself when it
     * already is (read only, never to be closed), else a copy in {@code m} — or in the caller's scope, which then frees it:
     * a circuit pass asks once per layer and receiver group, so a copy that escaped would pile up over ACDC's passes.
     */
    NDArray postAttnGain(int l, NDManager m) {
        StoredTensor g = layers.get(l).postAttnGain();
        return g == null ? null : g.in(compute, m);
    }

    /** [M, e, d]: W_Q/K/V ᵀ of receiver slots {@code slots} (q of head j for j below H, then k, then v); {@code lw} in the compute dtype. */
    NDArray receiverWeightsT(Layer lw, NDManager m, int[] slots) {
        long stored = qkv.storedWidth() / config.dHead();
        NDArray which = OwnedArrays.owned(m.create(qkv.storedHeads(slots)));
        return lw.qkvWeight().reshape(config.dModel(), stored, config.dHead()).transpose(1, 2, 0).get(new NDIndex("{}", which));
    }

    /** [M, 1, e]: the q/k/v biases of receiver slots {@code slots}. */
    NDArray receiverBias(Layer lw, NDManager m, int[] slots) {
        long stored = qkv.storedWidth() / config.dHead();
        NDArray which = OwnedArrays.owned(m.create(qkv.storedHeads(slots)));
        return lw.qkvBias().reshape(stored, 1, config.dHead()).get(new NDIndex("{}", which));
    }

    /** The first column of receiver slot {@code slot}'s e columns in the stored projection. */
    long storedColumn(int slot) {
        return (long) qkv.storedHead(slot) * config.dHead();
    }

    /** Where {@link #assemble} gets a block tensor; null for one the family does not have. */
    @FunctionalInterface
    private interface Tensors {
        StoredTensor get(String name);
    }

    private static TransformerWeights assemble(ModelConfig c, Tensors t, boolean untiedUnembedding, DataType compute, NDManager m) {
        int d = c.dModel();
        boolean rms = c.design().rmsNorm();
        boolean post = c.design().residual().postNorms();
        QkvLayout qkv = new QkvLayout(c, m);
        boolean qkNorm = c.design().attention().qkNorm() != org.eapexplorer.model.AttentionDesign.QkNorm.NONE;
        StoredTensor wte = t.get(BlockTensors.EMBED);
        // Gemma's norms scale by 1 + w, computed in float32: the sum is made once here (the gains are [d]), held in the compute dtype.
        Tensors gains = !c.design().residual().unitOffset() ? t : name -> {
            StoredTensor w = t.get(name);
            return w == null || !isGain(name) ? w : new StoredTensor(plusOne(w, compute, m), false, false);
        };
        // The final norm and learned positions are small ([d], [P, d]): held in the compute dtype from the start.
        NDArray wpe = c.design().hasRotary() ? null : as(t.get(BlockTensors.POSITIONS), compute, m);
        List<StoredLayer> layers = new ArrayList<>();
        for (int l = 0; l < c.nLayer(); l++) {
            final int layer = l;
            Tensors lt = what -> gains.get(BlockTensors.layer(layer, what));
            StoredTensor qkvW = lt.get(BlockTensors.QKV_WEIGHT);
            boolean mlp = !c.attnOnly();
            layers.add(new StoredLayer(
                    lt.get(BlockTensors.NORM1_GAIN), rms ? null : lt.get(BlockTensors.NORM1_BIAS),
                    qkvW, orZeros(lt.get(BlockTensors.QKV_BIAS), qkv.storedWidth(), compute, m),
                    lt.get(BlockTensors.OUT_WEIGHT), orZeros(lt.get(BlockTensors.OUT_BIAS), d, compute, m),
                    mlp ? lt.get(BlockTensors.NORM2_GAIN) : null, mlp && !rms ? lt.get(BlockTensors.NORM2_BIAS) : null,
                    mlp ? lt.get(BlockTensors.FC_WEIGHT) : null, mlp ? orZeros(lt.get(BlockTensors.FC_BIAS), c.dMlp(), compute, m) : null,
                    mlp && c.design().gatedMlp() ? lt.get(BlockTensors.GATE_WEIGHT) : null,
                    mlp ? lt.get(BlockTensors.PROJ_WEIGHT) : null, mlp ? orZeros(lt.get(BlockTensors.PROJ_BIAS), d, compute, m) : null,
                    c.shortformer() ? new StoredTensor(shortformerQkv(wpe, qkvW.in(compute, m), d), false, false) : null,
                    post ? lt.get(BlockTensors.POST_ATTN_GAIN) : null, post && mlp ? lt.get(BlockTensors.POST_MLP_GAIN) : null,
                    qkNorm ? normGain(lt.get(BlockTensors.Q_NORM_GAIN), c, qkv, false, compute, m) : null,
                    qkNorm ? normGain(lt.get(BlockTensors.K_NORM_GAIN), c, qkv, true, compute, m) : null));
        }
        NDArray lnfG = as(gains.get(BlockTensors.FINAL_GAIN), compute, m);
        NDArray lnfB = rms ? null : as(t.get(BlockTensors.FINAL_BIAS), compute, m);
        StoredTensor unembed = untiedUnembedding ? t.get(BlockTensors.UNEMBED) : wte;
        return new TransformerWeights(c, wte, wpe, layers, lnfG, lnfB, unembed, compute, qkv);
    }

    private static boolean isGain(String name) {
        return name.endsWith(BlockTensors.NORM1_GAIN) || name.endsWith(BlockTensors.NORM2_GAIN) || name.endsWith(BlockTensors.FINAL_GAIN)
                || name.endsWith(BlockTensors.POST_ATTN_GAIN) || name.endsWith(BlockTensors.POST_MLP_GAIN)
                || name.endsWith(BlockTensors.Q_NORM_GAIN) || name.endsWith(BlockTensors.K_NORM_GAIN);
    }

    /** 1 + w in {@code type}, attached to {@code m}; a converted copy of w is freed. */
    private static NDArray plusOne(StoredTensor w, DataType type, NDManager m) {
        NDArray widened = w.in(type, m);
        NDArray sum = widened.add(1f);
        sum.attach(m);
        if (widened != w.data()) {
            widened.close();
        }
        w.data().close();
        return sum;
    }

    /**
     * A q/k norm's gain as the forward pass reads it: per head [e] as stored; over the whole projection ([H·e] for q,
     * [K·e] for k) as [H, 1, e], a grouped k head's gain repeated for each of its query heads (the engine's k is per
     * query head). Held in the compute dtype: H·e numbers.
     */
    private static StoredTensor normGain(StoredTensor gain, ModelConfig c, QkvLayout qkv, boolean key, DataType compute, NDManager m) {
        if (gain == null || c.design().attention().qkNorm() != org.eapexplorer.model.AttentionDesign.QkNorm.WHOLE) {
            return gain;
        }
        int heads = key ? c.kvHeads() : c.nHead();
        long[] which = new long[c.nHead()];
        for (int h = 0; h < which.length; h++) {
            which[h] = key ? qkv.storedHead(c.nHead() + h) - c.nHead() : h;   // k of query head h: its key/value head
        }
        NDArray g = gain.in(compute, m).reshape(heads, c.dHead());
        NDArray perQueryHead = g.get(new NDIndex("{}", OwnedArrays.owned(m.create(which)))).reshape(c.nHead(), 1, c.dHead());
        return new StoredTensor(perQueryHead, false, false);
    }

    /** What {@code f} makes, computed in a scope of its own (which frees its intermediates) and attached to {@code m}. */
    private static NDArray into(NDManager m, java.util.function.Supplier<NDArray> f) {
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDArray out = f.get();
            ai.djl.ndarray.NDScope.unregister(out);
            out.attach(m);
            return out;
        }
    }

    /** {@code bias}, or zeros of {@code size} in {@code m} for a family without that bias. */
    private static StoredTensor orZeros(StoredTensor bias, long size, DataType type, NDManager m) {
        return bias != null ? bias : new StoredTensor(m.zeros(new Shape(size), type), false, false);
    }

    /** {@code a} as the engine reads it in dtype {@code type}: the held array when it already is, else a copy attached to {@code m}; null stays null. */
    private static NDArray as(StoredTensor a, DataType type, NDManager m) {
        return a == null ? null : a.in(type, m);
    }

    private static long arrayBytes(NDArray a) {
        return a == null ? 0 : a.size() * a.getDataType().getNumOfBytes();
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
