package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.TensorInfo;

/**
 * GPT-2's parameters on the compute device, read from a Hugging Face {@code model.safetensors} with an
 * explicit key map (nanoGPT's {@code from_pretrained} is the model): keys with or without the
 * {@code transformer.} prefix, Conv1D layout ({@code y = x·W + b}, W stored [in, out]), the unembedding
 * tied to {@code wte} unless {@code lm_head.weight} is present. Every shape is checked against the config
 * before use; the attention-mask buffers that old checkpoints carry are ignored. An attention-only model
 * ({@link ModelConfig#attnOnly()}) has no {@code h.{l}.ln_2.*} and {@code h.{l}.mlp.*}, and a file that has them
 * anyway is refused rather than run without its MLPs. A shortformer model ({@link ModelConfig#shortformer()}) has
 * the same tensors; W_pos (still {@code wpe.weight}) is projected by each layer's W_Q and W_K once, here. A NaN or
 * infinite weight is refused, naming the tensor and the element.
 */
final class Gpt2Weights {

    /** Per-layer parameters. Shapes in the comments use d = d_model, m = d_mlp, H heads of width e; the last six are null without MLPs. */
    record Layer(
            NDArray ln1Gain, NDArray ln1Bias,      // [d]
            NDArray qkvWeight, NDArray qkvBias,     // [d, 3d], [3d]: q of all heads, then k, then v
            NDArray qkvHeadsT,                      // [3, H, e, d]: W_Q/K/V[h]ᵀ, a view of qkvWeight
            NDArray qkvHeadsTGain,                  // [3, H, e, d]: W_Q/K/V[h]ᵀ·diag(γ₁), LayerNorm-1's gain folded in
            NDArray qkvHeadsTGainSum,               // [3, H, e]: Σ_d of the above
            NDArray qkvShift,                       // [3d]: b_qkv + β₁·W_qkv, what the projection adds to x̂·diag(γ₁)·W_qkv
            NDArray outWeight, NDArray outBias,     // [d, d], [d]
            NDArray outHeads,                       // [H, e, d]: W_O[h], a view of outWeight
            NDArray ln2Gain, NDArray ln2Bias,       // [d]
            NDArray fcWeight, NDArray fcBias,       // [d, m], [m]
            NDArray projWeight, NDArray projBias,   // [m, d], [d]
            NDArray shortformerQkv) {               // [n_positions, 3d]: W_pos·W_Q, W_pos·W_K, 0 (no v); null unless shortformer
    }

    final NDArray tokenEmbedding;    // [V, d]
    final NDArray positionEmbedding; // [P, d]
    final List<Layer> layers;
    final NDArray lnFinalGain;       // [d]
    final NDArray lnFinalBias;       // [d]
    final NDArray unembedT;          // [d, V]

    private Gpt2Weights(NDArray wte, NDArray wpe, List<Layer> layers, NDArray lnfG, NDArray lnfB, NDArray unembedT) {
        this.tokenEmbedding = wte;
        this.positionEmbedding = wpe;
        this.layers = layers;
        this.lnFinalGain = lnfG;
        this.lnFinalBias = lnfB;
        this.unembedT = unembedT;
    }

    /**
     * @param tied whether config.json lets the unembedding be {@code wte} ({@code tie_word_embeddings}); when it says
     *             false, a file without {@code lm_head.weight} is refused rather than silently tied
     */
    static Gpt2Weights load(Path file, ModelConfig c, boolean tied, NDManager manager) throws IOException {
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            Reader r = new Reader(st, manager);
            boolean untied = r.find("lm_head.weight").isPresent();
            if (!tied && !untied) {
                throw new ModelFormatException(file + ": has no 'lm_head.weight' (nor 'transformer.lm_head.weight'), but "
                        + file.resolveSibling("config.json") + " says tie_word_embeddings: false, so the unembedding is not wte "
                        + "and must be in the file");
            }
            Gpt2Weights weights = assemble(c, r::tensor, untied);
            r.checkNothingUnexpected(c.attnOnly());
            return weights;
        }
    }

    /**
     * Weights that are the given arrays themselves, keyed by their Hugging Face names without prefix
     * ({@code wte.weight}, {@code h.0.attn.c_attn.weight}, …; the unembedding tied to {@code wte}): a trainer's
     * parameters, so that a forward pass over them is differentiable in them. The derived arrays (transposes,
     * folded gains) are computed from the parameters now, so they are attached to the parameters' manager:
     * build these weights inside an {@link ai.djl.ndarray.NDScope} and close it after use.
     */
    static Gpt2Weights ofParameters(ModelConfig c, Map<String, NDArray> parameters) {
        try {
            return assemble(c, (key, expected) -> {
                NDArray a = parameters.get(key);
                if (a == null) {
                    throw new IllegalArgumentException("missing parameter '" + key + "'");
                }
                if (!a.getShape().equals(new Shape(expected))) {
                    throw new IllegalArgumentException("parameter '" + key + "' has shape " + a.getShape()
                            + ", the config implies " + new Shape(expected));
                }
                return a;
            }, false);
        } catch (IOException e) {
            throw new IllegalStateException(e); // the source above reads no file
        }
    }

    /** Where {@link #assemble} gets a tensor of a given key and expected shape from. */
    @FunctionalInterface
    private interface TensorSource {
        NDArray tensor(String key, long... expected) throws IOException;
    }

    private static Gpt2Weights assemble(ModelConfig c, TensorSource r, boolean untiedUnembedding) throws IOException {
        int d = c.dModel();
        NDArray wte = r.tensor("wte.weight", c.vocabSize(), d);
        NDArray wpe = r.tensor("wpe.weight", c.nPositions(), d);
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < c.nLayer(); l++) {
            String p = "h." + l + ".";
            NDArray qkvW = r.tensor(p + "attn.c_attn.weight", d, 3 * d);
            NDArray outW = r.tensor(p + "attn.c_proj.weight", d, d);
            NDArray ln1G = r.tensor(p + "ln_1.weight", d);
            NDArray ln1B = r.tensor(p + "ln_1.bias", d);
            NDArray qkvB = r.tensor(p + "attn.c_attn.bias", 3 * d);
            NDArray headsT = qkvW.reshape(d, 3, c.nHead(), c.dHead()).transpose(1, 2, 3, 0);
            NDArray headsTGain = headsT.mul(ln1G);
            layers.add(new Layer(
                    ln1G, ln1B,
                    qkvW, qkvB,
                    headsT, headsTGain, headsTGain.sum(new int[] {-1}),
                    qkvB.add(ln1B.reshape(1, d).matMul(qkvW).reshape(3L * d)),
                    outW, r.tensor(p + "attn.c_proj.bias", d),
                    outW.reshape(c.nHead(), c.dHead(), d),
                    c.attnOnly() ? null : r.tensor(p + "ln_2.weight", d), c.attnOnly() ? null : r.tensor(p + "ln_2.bias", d),
                    c.attnOnly() ? null : r.tensor(p + "mlp.c_fc.weight", d, c.dMlp()), c.attnOnly() ? null : r.tensor(p + "mlp.c_fc.bias", c.dMlp()),
                    c.attnOnly() ? null : r.tensor(p + "mlp.c_proj.weight", c.dMlp(), d), c.attnOnly() ? null : r.tensor(p + "mlp.c_proj.bias", d),
                    c.shortformer() ? shortformerQkv(wpe, qkvW, d) : null));
        }
        NDArray lnfG = r.tensor("ln_f.weight", d);
        NDArray lnfB = r.tensor("ln_f.bias", d);
        NDArray unembed = untiedUnembedding ? r.tensor("lm_head.weight", c.vocabSize(), d) : wte;
        return new Gpt2Weights(wte, wpe, layers, lnfG, lnfB, unembed.transpose());
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

    /** Resolves keys with or without the {@code transformer.} prefix and checks shapes. */
    private static final class Reader {
        private static final String PREFIX = "transformer.";
        private final SafetensorsFile file;
        private final NDManager manager;
        private final Set<String> used = new HashSet<>();

        Reader(SafetensorsFile file, NDManager manager) {
            this.file = file;
            this.manager = manager;
        }

        Optional<String> find(String key) {
            if (file.info(key).isPresent()) {
                return Optional.of(key);
            }
            if (file.info(PREFIX + key).isPresent()) {
                return Optional.of(PREFIX + key);
            }
            return Optional.empty();
        }

        NDArray tensor(String key, long... expected) throws IOException {
            String name = find(key).orElseThrow(() -> new ModelFormatException(file.path() + ": missing tensor '" + key
                    + "' (also looked for '" + PREFIX + key + "'); expected shape " + new Shape(expected)));
            TensorInfo info = file.info(name).orElseThrow();
            Shape actual = new Shape(info.shape());
            if (!actual.equals(new Shape(expected))) {
                throw new ModelFormatException(file.path() + ": tensor '" + name + "' has shape " + actual
                        + " but config.json implies " + new Shape(expected));
            }
            used.add(name);
            float[] values = file.readFloats(name);
            requireFinite(values, name, actual);
            return Gpt2Forward.owned(manager.create(values, actual));
        }

        /**
         * A NaN or infinite weight makes every score NaN (or meaningless) without any error downstream, so it is refused
         * here, naming the tensor. The values were just decoded (F16 and BF16 NaN/∞ decode to float NaN/∞), so the scan
         * costs one pass over memory already in cache; timings in docs/BENCHMARKS.md.
         */
        private void requireFinite(float[] values, String name, Shape shape) throws ModelFormatException {
            int first = NonFinite.firstIndex(values);
            if (first >= 0) {
                long count = NonFinite.count(values);
                throw new ModelFormatException(file.path() + ": tensor '" + name + "' holds " + count + " non-finite value"
                        + (count == 1 ? "" : "s") + " (the first, " + values[first] + ", at " + NonFinite.position(first, shape.getShape())
                        + "); a model with NaN or infinite weights gives meaningless scores");
            }
        }

        /** Tensors we would silently drop would mean a different architecture: refuse them, except known buffers. */
        void checkNothingUnexpected(boolean attnOnly) throws ModelFormatException {
            List<String> unexpected = new ArrayList<>();
            for (String name : file.names()) {
                String key = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : name;
                boolean buffer = key.endsWith(".attn.bias") || key.endsWith(".attn.masked_bias");
                if (!used.contains(name) && !buffer && !(key.equals("lm_head.weight"))) {
                    if (attnOnly && key.matches("h\\.\\d+\\.(ln_2|mlp)\\..*")) {
                        throw new ModelFormatException(file.path() + ": config.json says attn_only, but the file has the MLP tensor '"
                                + name + "'; an attention-only model has no ln_2 or mlp (remove attn_only if the model has MLPs)");
                    }
                    unexpected.add(name);
                }
            }
            if (!unexpected.isEmpty()) {
                throw new ModelFormatException(file.path() + ": unexpected tensors for a GPT-2 model: "
                        + String.join(", ", unexpected.subList(0, Math.min(8, unexpected.size())))
                        + (unexpected.size() > 8 ? " … (" + unexpected.size() + " in all)" : ""));
            }
        }
    }
}
