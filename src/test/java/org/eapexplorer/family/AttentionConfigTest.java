package org.eapexplorer.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What config.json says about the attention of the Llama-built families, as transformers reads it: the head width
 * ({@code head_dim}; Qwen3Config's default 128), which layers slide and by how much (Qwen2Config/Qwen3Config's
 * use_sliding_window, max_window_layers, layer_types; MistralModel's one sliding_window), and Qwen3's per-head q/k norms.
 */
class AttentionConfigTest {

    private static final String FOUR_LAYERS = """
            {"hidden_size": 32, "intermediate_size": 48, "num_hidden_layers": 4, "num_attention_heads": 4,
             "num_key_value_heads": 2, "vocab_size": 50, "max_position_embeddings": 256}""";

    @TempDir
    Path dir;

    private ModelConfig read(String type, String architecture, String extra) throws IOException {
        JsonObject json = JsonParser.parseString(FOUR_LAYERS).getAsJsonObject();
        json.addProperty("model_type", type);
        json.add("architectures", JsonParser.parseString("[\"" + architecture + "\"]"));
        JsonParser.parseString(extra).getAsJsonObject().entrySet().forEach(e -> json.add(e.getKey(), e.getValue()));
        Path f = dir.resolve("config.json");
        Files.writeString(f, json.toString());
        return ModelFamilies.readConfig(f);
    }

    private ModelConfig qwen2(String extra) throws IOException {
        return read("qwen2", "Qwen2ForCausalLM", extra);
    }

    @Test
    void headDimIsHonouredWhereConfigJsonGivesIt() throws IOException {
        ModelConfig llama = read("llama", "LlamaForCausalLM", "{\"head_dim\": 16}");
        assertEquals(16, llama.dHead());
        assertEquals(64, llama.dAttention());
        assertEquals(8, read("llama", "LlamaForCausalLM", "{\"head_dim\": 8}").dHead());
        assertEquals(AttentionDesign.STANDARD, read("llama", "LlamaForCausalLM", "{\"head_dim\": 8}").design().attention(),
                "heads d_model / n_heads wide: the standard attention, whatever config.json says");
        assertEquals(12, qwen2("{\"head_dim\": 12}").dHead());
        assertEquals(24, read("mistral", "MistralForCausalLM", "{\"head_dim\": 24}").dHead());
        assertEquals(8, read("mistral", "MistralForCausalLM", "{}").dHead());
    }

    @Test
    void qwen3HeadsAre128WideUnlessConfigJsonSaysOtherwise() throws IOException {
        ModelConfig c = read("qwen3", "Qwen3ForCausalLM", "{}");
        assertEquals(Family.QWEN3, c.family());
        assertEquals(128, c.dHead());
        assertEquals(AttentionDesign.QkNorm.PER_HEAD, c.design().attention().qkNorm());
        assertEquals(16, read("qwen3", "Qwen3ForCausalLM", "{\"head_dim\": 16}").dHead());
    }

    @Test
    void qwenLayersFromMaxWindowLayersOnSlideOnlyWithUseSlidingWindow() throws IOException {
        assertArrayEquals(new int[0], qwen2("{\"sliding_window\": 4, \"max_window_layers\": 1}").design().attention().windows());
        assertArrayEquals(new int[] {0, 0, 4, 4},
                qwen2("{\"use_sliding_window\": true, \"sliding_window\": 4, \"max_window_layers\": 2}").design().attention().windows());
        assertArrayEquals(new int[] {5, 5, 5, 5},
                qwen2("{\"use_sliding_window\": true, \"sliding_window\": 5, \"max_window_layers\": 0}").design().attention().windows());
        // Qwen2Config's default max_window_layers is 28: a 4-layer model has no layer past it.
        assertArrayEquals(new int[0], qwen2("{\"use_sliding_window\": true, \"sliding_window\": 4}").design().attention().windows());
        assertArrayEquals(new int[0], qwen2("{\"use_sliding_window\": true, \"sliding_window\": null, \"max_window_layers\": 0}")
                .design().attention().windows());
        assertArrayEquals(new int[] {3, 0, 3, 0}, read("qwen3", "Qwen3ForCausalLM", "{\"use_sliding_window\": true, \"sliding_window\": 3,"
                + " \"max_window_layers\": 0, \"layer_types\": [\"sliding_attention\", \"full_attention\", \"sliding_attention\","
                + " \"full_attention\"]}").design().attention().windows(), "layer_types, when given, decide alone");
    }

    @Test
    void mistralSlidesOnEveryLayer() throws IOException {
        assertArrayEquals(new int[] {4096, 4096, 4096, 4096},
                read("mistral", "MistralForCausalLM", "{\"sliding_window\": 4096}").design().attention().windows());
        assertArrayEquals(new int[0], read("mistral", "MistralForCausalLM", "{\"sliding_window\": null}").design().attention().windows());
        assertEquals("Mistral, 4 query / 2 key-value heads, rotary, sliding window 7",
                read("mistral", "MistralForCausalLM", "{\"sliding_window\": 7}").describeArchitecture());
    }
}
