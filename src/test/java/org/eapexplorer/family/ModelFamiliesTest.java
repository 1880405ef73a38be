package org.eapexplorer.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.json of each family into the engine's model: the keys Hugging Face's configuration_*.py classes define. */
class ModelFamiliesTest {

    @TempDir
    Path dir;

    private ModelFamilies.Read read(String json) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, json);
        return ModelFamilies.read(f);
    }

    private static final String QWEN25_05B = """
            {"architectures": ["Qwen2ForCausalLM"], "model_type": "qwen2", "hidden_size": 896, "intermediate_size": 4864,
             "num_hidden_layers": 24, "num_attention_heads": 14, "num_key_value_heads": 2, "max_position_embeddings": 32768,
             "rms_norm_eps": 1e-06, "rope_theta": 1000000.0, "tie_word_embeddings": true, "vocab_size": 151936,
             "hidden_act": "silu", "use_sliding_window": false, "sliding_window": 32768, "max_window_layers": 21}""";

    @Test
    void qwen25HalfBillionsConfig() throws IOException {
        ModelFamilies.Read r = read(QWEN25_05B);
        ModelConfig c = r.config();
        assertEquals(Family.QWEN2, c.family());
        assertTrue(r.tiedEmbeddings());
        assertEquals(24, c.nLayer());
        assertEquals(14, c.nHead());
        assertEquals(2, c.kvHeads());
        assertEquals(64, c.dHead());
        assertEquals(4864, c.dMlp());
        assertEquals(151_936, c.vocabSize());
        assertEquals(1e-6, c.layerNormEps());
        assertEquals(Activation.SILU, c.activation());
        assertTrue(c.design().rmsNorm());
        assertTrue(c.design().gatedMlp());
        assertFalse(c.parallel());
        assertEquals(64, c.design().rotary().dims());
        assertEquals(1.0, c.design().rotary().inverseFrequencies()[0]);
        assertEquals(Math.pow(1e6, -2.0 / 64), c.design().rotary().inverseFrequencies()[1], 1e-15);
        assertEquals(179_749, c.graph().edgeCount());
        assertEquals("Qwen2, 14 query / 2 key-value heads, rotary", c.describeArchitecture());
    }

    @Test
    void llamaByModelTypeAloneWithItsDefaults() throws IOException {
        ModelConfig c = read("""
                {"model_type": "llama", "hidden_size": 64, "intermediate_size": 96, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "vocab_size": 50}""").config();
        assertEquals(Family.LLAMA, c.family());
        assertEquals(4, c.kvHeads(), "no num_key_value_heads: one per query head");
        assertEquals(1e-6, c.layerNormEps());
        assertEquals(Math.pow(10000, -2.0 / 16), c.design().rotary().inverseFrequencies()[1], 1e-15);
        assertFalse(ModelFamilies.read(dir.resolve("config.json")).tiedEmbeddings(), "Llama's default is an untied lm_head");
    }

    /**
     * Llama 3.1's rope_scaling, as modeling_rope_utils' _compute_llama3_parameters: with head size 8 (ω = 1, 0.1, 0.01,
     * 0.001; wavelengths 2π/ω) and an original context of 16 (low-frequency wavelength 16/1, high 16/4), ω₀'s wavelength
     * 6.28 lies between 4 and 16 and is blended, the others exceed 16 and are divided by the factor 8.
     */
    @Test
    void llama3RopeScalingBlendsTheMiddleFrequencies() throws IOException {
        ModelConfig c = read("""
                {"architectures": ["LlamaForCausalLM"], "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "num_key_value_heads": 2, "vocab_size": 50, "rope_theta": 10000.0,
                 "rope_scaling": {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                                  "original_max_position_embeddings": 16}}""").config();
        double smooth = (16 / (2 * Math.PI) - 1) / (4 - 1);
        double[] expected = {(1 - smooth) * 1 / 8 + smooth * 1, 0.1 / 8, 0.01 / 8, 0.001 / 8};
        assertArrayEquals(expected, c.design().rotary().inverseFrequencies(), 1e-12);
    }

    @Test
    void linearRopeScalingDividesEveryFrequency() throws IOException {
        ModelConfig c = read("""
                {"model_type": "llama", "hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 1,
                 "num_attention_heads": 4, "vocab_size": 50, "rope_scaling": {"type": "linear", "factor": 2.0}}""").config();
        assertArrayEquals(new double[] {0.5, 0.05, 0.005, 0.0005}, c.design().rotary().inverseFrequencies(), 1e-15);
    }

    @Test
    void pythiaIsParallelWithPartialRotary() throws IOException {
        ModelFamilies.Read r = read("""
                {"architectures": ["GPTNeoXForCausalLM"], "model_type": "gpt_neox", "hidden_size": 512, "intermediate_size": 2048,
                 "num_hidden_layers": 6, "num_attention_heads": 8, "rotary_pct": 0.25, "rotary_emb_base": 10000,
                 "use_parallel_residual": true, "layer_norm_eps": 1e-05, "hidden_act": "gelu", "max_position_embeddings": 2048,
                 "tie_word_embeddings": false, "vocab_size": 50304}""");
        ModelConfig c = r.config();
        assertEquals(Family.GPT_NEOX, c.family());
        assertFalse(r.tiedEmbeddings());
        assertTrue(c.parallel());
        assertFalse(c.design().rmsNorm());
        assertFalse(c.design().gatedMlp());
        assertEquals(Activation.GELU_ERF, c.activation());
        assertEquals(16, c.design().rotary().dims(), "25% of a 64-wide head");
        assertEquals(3_580, c.graph().edgeCount(), "Pythia-70m's graph");
        assertEquals("GPT-NeoX, partial rotary (16 of 64), parallel attention and MLP", c.describeArchitecture());
        assertFalse(read("""
                {"model_type": "gpt_neox", "hidden_size": 32, "intermediate_size": 64, "num_hidden_layers": 2,
                 "num_attention_heads": 4, "rotary_pct": 0.5, "use_parallel_residual": false, "vocab_size": 50}""")
                .config().parallel());
    }

    @Test
    void gpt2WithoutModelTypeIsStillGpt2() throws IOException {
        ModelConfig c = read("""
                {"n_layer": 2, "n_head": 2, "n_embd": 8, "n_positions": 16, "vocab_size": 10}""").config();
        assertEquals(Family.GPT2, c.family());
        assertEquals("GPT-2", c.describeArchitecture());
    }

    @Test
    void anUnsupportedArchitectureIsRefusedByNameListingTheSupportedOnes() {
        String message = assertThrows(ModelFormatException.class, () -> read("""
                {"architectures": ["FalconForCausalLM"], "model_type": "falcon", "hidden_size": 32}""")).getMessage();
        assertTrue(message.contains("config.json"), message);
        assertTrue(message.contains("FalconForCausalLM") && message.contains("falcon"), message);
        for (Family f : Family.values()) {
            assertTrue(message.contains(f.architecture()), message);
        }
    }

    @Test
    void whatTheEngineCannotHonourIsRefusedNamingTheKey() {
        String base = "\"model_type\": \"llama\", \"intermediate_size\": 48, \"num_hidden_layers\": 1, \"vocab_size\": 50, ";
        assertTrue(refusal("{" + base + "\"hidden_size\": 32, \"num_attention_heads\": 4, \"head_dim\": 0}").contains("'head_dim'"));
        assertTrue(refusal("{" + base + "\"hidden_size\": 32, \"num_attention_heads\": 4, \"num_key_value_heads\": 3}")
                .contains("num_key_value_heads (3)"));
        assertTrue(refusal("{" + base + "\"hidden_size\": 32, \"num_attention_heads\": 4, \"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4}}")
                .contains("rope_scaling type 'yarn' is not supported"));
        assertTrue(refusal("{\"model_type\": \"qwen2\", \"intermediate_size\": 48, \"num_hidden_layers\": 1, \"vocab_size\": 50, "
                + "\"hidden_size\": 32, \"num_attention_heads\": 4, \"layer_types\": [\"sliding_attention\"]}").contains("use_sliding_window is false"));
        assertTrue(refusal("{\"model_type\": \"gpt_neox\", \"intermediate_size\": 48, \"num_hidden_layers\": 1, \"vocab_size\": 50, "
                + "\"hidden_size\": 32, \"num_attention_heads\": 4, \"rotary_pct\": 0.1}").contains("rotary_pct 0.1"));
        assertTrue(refusal("{" + base + "\"num_attention_heads\": 4}").contains("missing key 'hidden_size'"));
    }

    private String refusal(String json) {
        return assertThrows(ModelFormatException.class, () -> read(json)).getMessage();
    }
}
