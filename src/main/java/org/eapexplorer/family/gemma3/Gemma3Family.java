package org.eapexplorer.family.gemma3;

import java.io.IOException;
import java.util.List;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.RopeParameters;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.family.gemma2.Gemma2Family;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.Rotary;

/**
 * Gemma-3's text model ({@code Gemma3ForCausalLM}, model_type gemma3_text: Gemma-3-1B), as transformers' modular_gemma3.py
 * builds it: Gemma-2's block ({@link Gemma2Family}) plus per-head q/k RMSNorms (1 + w) after the projections and before
 * rotary, no soft-capping unless the config asks, a local:global layer pattern (five sliding layers to one global by
 * default, {@code sliding_window_pattern} or {@code layer_types}), and two rotary embeddings: the global layers' from
 * rope_theta (1,000,000) with rope_scaling, the sliding layers' from rope_local_base_freq (10,000) unscaled — or, as
 * transformers v5 writes them, {@code rope_parameters.full_attention} and {@code rope_parameters.sliding_attention}.
 */
public final class Gemma3Family extends Gemma2Family {

    public static final String Q_NORM = LlamaNames.Q_NORM;
    public static final String K_NORM = LlamaNames.K_NORM;

    private static final RopeParameters.FamilyKeys GLOBAL_ROPE = new RopeParameters.FamilyKeys(List.of("rope_theta"), 1_000_000.0,
            List.of("partial_rotary_factor"), 1.0, false);
    private static final RopeParameters.FamilyKeys LOCAL_ROPE = new RopeParameters.FamilyKeys(List.of("rope_local_base_freq"), 10_000.0,
            List.of("partial_rotary_factor"), 1.0, false);

    @Override
    public List<Family> families() {
        return List.of(Family.GEMMA3);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return Gemma3Keys.KEYS;
    }

    @Override
    public ModelConfig config(Family family, ConfigJson json) throws ModelFormatException {
        // sliding_window_pattern is the older configs' way of giving the pattern; layer_types wins where both are given.
        return config(family, json, new Defaults(131_072, 0, 0, json.positiveInteger("sliding_window_pattern", 6)));
    }

    @Override
    protected Rotary rotary(ConfigJson json, int headDim) throws ModelFormatException {
        return RopeParameters.rotaryOfLayerType(json, "full_attention", true, headDim, GLOBAL_ROPE);
    }

    @Override
    protected Rotary localRotary(ConfigJson json, int headDim, int[] windows) throws ModelFormatException {
        for (int w : windows) {
            if (w > 0) {
                return RopeParameters.rotaryOfLayerType(json, "sliding_attention", false, headDim, LOCAL_ROPE);
            }
        }
        return null;
    }

    @Override
    protected AttentionDesign.QkNorm qkNorm() {
        return AttentionDesign.QkNorm.PER_HEAD;
    }

    @Override
    public void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException {
        readBlocks(c, tied, in, out);
        for (int l = 0; l < c.nLayer(); l++) {
            out.put(BlockTensors.layer(l, BlockTensors.Q_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, Q_NORM), c.dHead()));
            out.put(BlockTensors.layer(l, BlockTensors.K_NORM_GAIN), TensorRecipe.stored(LlamaNames.weight(l, K_NORM), c.dHead()));
        }
    }
}
