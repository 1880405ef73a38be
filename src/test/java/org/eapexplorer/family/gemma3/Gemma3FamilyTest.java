package org.eapexplorer.family.gemma3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gemma-3's text config.json (Gemma3TextConfig, modular_gemma3.py) into the engine's model, in both of its rotary forms. */
class Gemma3FamilyTest {

    @TempDir
    Path dir;

    /** google/gemma-3-1b-pt's config.json as transformers 4.x wrote it. */
    private static final String GEMMA3_1B = """
            {"architectures": ["Gemma3ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
             "attn_logit_softcapping": null, "bos_token_id": 2, "cache_implementation": "hybrid", "eos_token_id": 1,
             "final_logit_softcapping": null, "head_dim": 256, "hidden_activation": "gelu_pytorch_tanh", "hidden_size": 1152,
             "initializer_range": 0.02, "intermediate_size": 6912, "max_position_embeddings": 32768, "model_type": "gemma3_text",
             "num_attention_heads": 4, "num_hidden_layers": 26, "num_key_value_heads": 1, "pad_token_id": 0,
             "query_pre_attn_scalar": 256, "rms_norm_eps": 1e-06, "rope_local_base_freq": 10000, "rope_scaling": null,
             "rope_theta": 1000000, "sliding_window": 512, "sliding_window_pattern": 6, "torch_dtype": "bfloat16",
             "transformers_version": "4.50.0.dev0", "use_cache": true, "vocab_size": 262144}""";

    private ModelFamilies.Read read(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return ModelFamilies.read(f);
    }

    @Test
    void gemma3OneBillionsConfig() throws IOException {
        ModelFamilies.Read r = read(GEMMA3_1B);
        ModelConfig c = r.config();
        assertEquals(Family.GEMMA3, c.family());
        assertTrue(r.tiedEmbeddings());
        assertEquals(1, c.kvHeads());
        AttentionDesign a = c.design().attention();
        assertEquals(256, a.headDim());
        assertEquals(AttentionDesign.QkNorm.PER_HEAD, a.qkNorm());
        assertEquals(0.0, a.softcap(), "no soft-capping: the config's null");
        assertEquals(0.0, c.design().residual().finalSoftcap());
        int[] w = a.windows();
        for (int l = 0; l < 26; l++) {
            assertEquals((l + 1) % 6 == 0 ? 0 : 512, w[l], "layer " + l + ": five local layers to one global");
        }
        assertEquals(Math.pow(1e6, -2.0 / 256), c.design().rotary().inverseFrequencies()[1], 1e-18, "global layers: rope_theta");
        assertEquals(Math.pow(1e4, -2.0 / 256), a.localRotary().inverseFrequencies()[1], 1e-18, "local layers: rope_local_base_freq");
        assertTrue(r.unreadKeys().isEmpty(), r.unreadKeys().toString());
    }

    /** The same rotary settings as transformers v5 writes them, and 4.x's rope_scaling, which applies to the global layers only. */
    @Test
    void ropeParametersPerLayerTypeReadAsTheOlderKeys() throws IOException {
        String older = GEMMA3_1B.replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"linear\", \"factor\": 8.0}");
        ModelConfig a = read(older).config();
        String v5 = GEMMA3_1B.replace("\"rope_local_base_freq\": 10000, \"rope_scaling\": null,", "")
                .replace("\"rope_theta\": 1000000,", "\"rope_parameters\": {\"full_attention\": {\"rope_type\": \"linear\", \"factor\": 8.0, "
                        + "\"rope_theta\": 1000000.0}, \"sliding_attention\": {\"rope_type\": \"default\", \"rope_theta\": 10000.0}},");
        ModelConfig b = read(v5).config();
        assertArrayEquals(a.design().rotary().inverseFrequencies(), b.design().rotary().inverseFrequencies());
        assertArrayEquals(a.design().attention().localRotary().inverseFrequencies(), b.design().attention().localRotary().inverseFrequencies());
        assertEquals(Math.pow(1e6, -2.0 / 256) / 8, b.design().rotary().inverseFrequencies()[1], 1e-18, "linear scaling on the global layers");
        assertEquals(Math.pow(1e4, -2.0 / 256), b.design().attention().localRotary().inverseFrequencies()[1], 1e-18, "none on the local ones");
    }

    @Test
    void allGlobalLayersHaveNoLocalRotary() throws IOException {
        ModelConfig c = read(GEMMA3_1B.replace("\"sliding_window_pattern\": 6", "\"layer_types\": ["
                + "\"full_attention\", ".repeat(25) + "\"full_attention\"]")).config();
        assertNull(c.design().attention().localRotary());
    }
}
