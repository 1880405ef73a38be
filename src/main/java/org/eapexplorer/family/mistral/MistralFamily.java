package org.eapexplorer.family.mistral;

import java.util.List;
import org.eapexplorer.family.ConfigJson;
import org.eapexplorer.family.ConfigKeys;
import org.eapexplorer.family.SlidingWindows;
import org.eapexplorer.family.TensorSource;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.llama.LlamaKeys;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;

/**
 * Mistral ({@code MistralForCausalLM}), as modular_mistral.py builds it: Llama with no bias anywhere (its
 * nn.Linear layers are bias=False whatever the config says; a checkpoint with biases is refused as holding unexpected
 * tensors) and {@code sliding_window} on every layer ({@link SlidingWindows#everyLayer}); MistralConfig's context is
 * 4096·32 positions.
 */
public final class MistralFamily extends LlamaFamily {

    // MistralModel builds one mask from sliding_window for every layer and only warns about layer_types: ignored, as there.
    static final ConfigKeys KEYS = new ConfigKeys(LlamaKeys.concat(LlamaKeys.READ, List.of("sliding_window")),
            LlamaKeys.concat(LlamaKeys.HARMLESS, List.of("layer_types")), List.of());

    @Override
    public List<Family> families() {
        return List.of(Family.MISTRAL);
    }

    @Override
    public ConfigKeys keys(Family family) {
        return KEYS;
    }

    @Override
    protected int[] windows(Family family, ConfigJson json, int nLayer) throws ModelFormatException {
        return SlidingWindows.everyLayer(json, nLayer);
    }

    @Override
    protected int defaultPositions(Family family) {
        return 4096 * 32;
    }

    @Override
    protected AttentionBiases attentionBiases(ModelConfig c, TensorSource in) {
        return new AttentionBiases(false, false);
    }
}
