package org.eapexplorer.family.olmo2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.ResidualDesign;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OLMo-2's config.json into the engine's model, as configuration_olmo2.py's Olmo2Config defines its keys. */
class Olmo2FamilyTest {

    @TempDir
    Path dir;

    /**
     * allenai/OLMo-2-0425-1B's config.json: the geometry keys as a public test quotes them from that file, with the fields
     * of Olmo2Config every saved config carries (token ids, dropout, initialisation, dtype, version, cache).
     */
    private static final String OLMO2_1B = """
            {"architectures": ["Olmo2ForCausalLM"], "attention_bias": false, "attention_dropout": 0.0, "bos_token_id": null,
             "eos_token_id": 100257, "hidden_act": "silu", "hidden_size": 2048, "initializer_range": 0.02,
             "intermediate_size": 8192, "max_position_embeddings": 4096, "model_type": "olmo2", "num_attention_heads": 16,
             "num_hidden_layers": 16, "num_key_value_heads": 16, "pad_token_id": 100277, "rms_norm_eps": 1e-06,
             "rope_scaling": null, "rope_theta": 500000, "tie_word_embeddings": false, "torch_dtype": "float32",
             "transformers_version": "4.50.0", "use_cache": true, "vocab_size": 100352}""";

    private ModelFamilies.Read read(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return ModelFamilies.read(f);
    }

    @Test
    void olmo2OneBillionConfig() throws IOException {
        ModelFamilies.Read r = read(OLMO2_1B);
        ModelConfig c = r.config();
        assertEquals(Family.OLMO2, c.family());
        assertFalse(r.tiedEmbeddings(), "lm_head is its own tensor");
        assertEquals(16, c.nLayer());
        assertEquals(16, c.nHead());
        assertEquals(16, c.kvHeads());
        assertEquals(128, c.dHead(), "hidden_size / heads: Olmo2Config has no head_dim");
        assertEquals(Activation.SILU, c.activation());
        assertEquals(1e-6, c.layerNormEps());
        assertTrue(c.design().rmsNorm() && c.design().gatedMlp() && !c.design().parallel());
        assertEquals(AttentionDesign.QkNorm.WHOLE, c.design().attention().qkNorm());
        assertEquals(0.0, c.design().attention().scale(), "head_dim^-1/2");
        assertEquals(0.0, c.design().attention().softcap());
        ResidualDesign residual = c.design().residual();
        assertEquals(ResidualDesign.Norms.POST, residual.norms());
        assertTrue(residual.postNorms());
        assertFalse(residual.inputNorms());
        assertFalse(residual.unitOffset(), "Olmo2RMSNorm scales by w, not 1 + w");
        assertEquals(1.0, residual.embedScale());
        assertEquals(0.0, residual.finalSoftcap());
        assertEquals(101_273, c.graph().edgeCount(), "the README's formula at 16 layers of 16 heads");
        assertEquals("OLMo-2, rotary, q/k norms, norms after attention and MLP", c.describeArchitecture());
        assertTrue(r.unreadKeys().isEmpty(), "every key of OLMo-2-1B's config is Olmo2Config's or harmless: " + r.unreadKeys());
    }

    @Test
    void defaultsAreOlmo2Configs() throws IOException {
        ModelConfig c = read(OLMO2_1B.replace("\"rms_norm_eps\": 1e-06,", "")).config();
        assertEquals(1e-5, c.layerNormEps(), "Olmo2Config's rms_norm_eps, not Llama's 1e-6");
        ModelConfig gqa = read(OLMO2_1B.replace("\"num_key_value_heads\": 16", "\"num_key_value_heads\": 4")).config();
        assertEquals(4, gqa.kvHeads());
    }

    @Test
    void refusesWhatItCannotHonourByName() {
        assertRefused(OLMO2_1B.replace("\"hidden_act\": \"silu\"", "\"hidden_act\": \"swiglu\""), "hidden_act");
        assertRefused(OLMO2_1B.replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}"), "yarn");
        assertRefused(OLMO2_1B.replace("\"num_key_value_heads\": 16", "\"num_key_value_heads\": 0"), "num_key_value_heads");
    }

    private void assertRefused(String json, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(json));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("config.json"), e.getMessage());
    }
}
