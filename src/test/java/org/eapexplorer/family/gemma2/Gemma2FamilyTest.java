package org.eapexplorer.family.gemma2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.ResidualDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gemma-2's config.json into the engine's model, as configuration_gemma2.py's Gemma2Config defines its keys. */
class Gemma2FamilyTest {

    @TempDir
    Path dir;

    /** google/gemma-2-2b's config.json. */
    private static final String GEMMA2_2B = """
            {"architectures": ["Gemma2ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0,
             "attn_logit_softcapping": 50.0, "bos_token_id": 2, "cache_implementation": "hybrid", "eos_token_id": 1,
             "final_logit_softcapping": 30.0, "head_dim": 256, "hidden_act": "gelu_pytorch_tanh",
             "hidden_activation": "gelu_pytorch_tanh", "hidden_size": 2304, "initializer_range": 0.02,
             "intermediate_size": 9216, "max_position_embeddings": 8192, "model_type": "gemma2", "num_attention_heads": 8,
             "num_hidden_layers": 26, "num_key_value_heads": 4, "pad_token_id": 0, "query_pre_attn_scalar": 256,
             "rms_norm_eps": 1e-06, "rope_theta": 10000.0, "sliding_window": 4096, "torch_dtype": "float32",
             "transformers_version": "4.42.4", "use_cache": true, "vocab_size": 256000}""";

    private ModelFamilies.Read read(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return ModelFamilies.read(f);
    }

    @Test
    void gemma2TwoBillionsConfig() throws IOException {
        ModelFamilies.Read r = read(GEMMA2_2B);
        ModelConfig c = r.config();
        assertEquals(Family.GEMMA2, c.family());
        assertTrue(r.tiedEmbeddings(), "Gemma2Config ties the embeddings by default");
        assertEquals(26, c.nLayer());
        assertEquals(8, c.nHead());
        assertEquals(4, c.kvHeads());
        assertEquals(256, c.design().attention().headDim(), "head_dim, not hidden_size / heads = 288");
        assertEquals(Activation.GELU_TANH, c.activation());
        assertEquals(1 / 16.0, c.design().attention().scale(), 1e-15);
        assertEquals(50.0, c.design().attention().softcap());
        ResidualDesign residual = c.design().residual();
        assertEquals(ResidualDesign.Norms.SANDWICH, residual.norms());
        assertTrue(residual.unitOffset());
        assertEquals(48.0, residual.embedScale(), 1e-12);
        assertEquals(30.0, residual.finalSoftcap());
        int[] windows = c.design().attention().windows();
        assertEquals(4096, windows[0], "layer 0 slides: (0 + 1) % 2");
        assertEquals(0, windows[1]);
        assertEquals(4096, windows[24]);
        assertEquals(0, windows[25]);
        assertEquals(74_218, c.graph().edgeCount(), "the README's formula at 26 layers of 8 heads");
        assertTrue(r.unreadKeys().isEmpty(), "every key of Gemma-2-2B's config is Gemma2Config's or harmless: " + r.unreadKeys());
        assertEquals("Gemma-2, 8 query / 4 key-value heads, rotary, heads of 256, sliding window 4096 on 13 of 26 layers, norms before "
                + "and after attention and MLP, soft-capped scores and logits", c.describeArchitecture());
    }

    @Test
    void layerTypesNameTheSlidingLayersAndNullCapsAreNone() throws IOException {
        ModelConfig c = read(GEMMA2_2B.replace("\"num_hidden_layers\": 26", "\"num_hidden_layers\": 3")
                .replace("\"attn_logit_softcapping\": 50.0", "\"attn_logit_softcapping\": null, \"layer_types\": "
                        + "[\"full_attention\", \"sliding_attention\", \"sliding_attention\"]")
                .replace("\"final_logit_softcapping\": 30.0", "\"final_logit_softcapping\": null")).config();
        assertArrayEquals(new int[] {0, 4096, 4096}, c.design().attention().windows());
        assertEquals(0.0, c.design().attention().softcap());
        assertEquals(0.0, c.design().residual().finalSoftcap());
    }

    @Test
    void refusesWhatItCannotHonourByName() {
        assertRefused(GEMMA2_2B.replace("\"use_cache\": true", "\"use_cache\": true, \"use_bidirectional_attention\": true"),
                "use_bidirectional_attention");
        assertRefused(GEMMA2_2B.replace("\"sliding_window\": 4096", "\"sliding_window\": null"), "sliding_window");
        assertRefused(GEMMA2_2B.replace("\"hidden_activation\": \"gelu_pytorch_tanh\"", "\"hidden_activation\": \"swiglu\""),
                "hidden_activation 'swiglu'");
        assertRefused(GEMMA2_2B.replace("\"num_hidden_layers\": 26", "\"num_hidden_layers\": 2, \"layer_types\": [\"full_attention\"]"),
                "'layer_types' must list one type per layer (2)");
        assertRefused(GEMMA2_2B.replace("\"num_hidden_layers\": 26", "\"num_hidden_layers\": 1, \"layer_types\": [\"chunked_attention\"]"),
                "\"chunked_attention\" at layer 0");
    }

    private void assertRefused(String json, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(json));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("config.json"), e.getMessage());
    }
}
