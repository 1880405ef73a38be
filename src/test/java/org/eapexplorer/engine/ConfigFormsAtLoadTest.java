package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.training.RandomFamilyModel;
import org.eapexplorer.training.RandomFamilyModelWriter;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracle fixtures with their config.json rewritten as transformers v5 writes it (the rotary settings only under
 * {@code rope_parameters}) compute the oracle's logits; configs whose rotary frequencies would not be finite and
 * positive, or whose sizes the checkpoint's header contradicts, are refused at load naming config.json and the key,
 * before anything is allocated from them.
 */
class ConfigFormsAtLoadTest {

    @TempDir
    Path dir;

    /** A copy of fixture {@code name} with its config.json edited. */
    private Path copy(String name, Consumer<JsonObject> edit) throws IOException {
        Path from = OracleFixture.load(name).dir();
        Path to = Files.createDirectories(Files.createTempDirectory(dir, "copy").resolve(name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        JsonObject config = JsonParser.parseString(Files.readString(to.resolve("config.json"))).getAsJsonObject();
        edit.accept(config);
        Files.writeString(to.resolve("config.json"), config.toString());
        return to;
    }

    private static JsonObject object(String json) {
        return JsonParser.parseString(json).getAsJsonObject();
    }

    /** The three measured cases, and GPT-NeoX's sequential fixture (rope_theta 1000), in v5's form. */
    static Stream<Arguments> v5Forms() {
        return Stream.of(
                Arguments.of("tiny-llama", (Consumer<JsonObject>) c -> {
                    c.remove("rope_theta");
                    JsonObject p = c.remove("rope_scaling").getAsJsonObject();
                    p.addProperty("rope_theta", 10000.0);
                    c.add("rope_parameters", p);
                }),
                Arguments.of("tiny-qwen2", (Consumer<JsonObject>) c -> {
                    c.remove("rope_theta");
                    c.remove("rope_scaling");
                    c.add("rope_parameters", object("{\"rope_type\": \"default\", \"rope_theta\": 1000000.0}"));
                }),
                Arguments.of("tiny-neox", (Consumer<JsonObject>) c -> {
                    c.remove("rotary_pct");
                    c.remove("rotary_emb_base");
                    c.add("rope_parameters", object("{\"rope_type\": \"default\", \"rope_theta\": 10000, \"partial_rotary_factor\": 0.5}"));
                }),
                Arguments.of("tiny-neox-sequential", (Consumer<JsonObject>) c -> {
                    for (String k : List.of("rotary_pct", "rotary_emb_base", "rope_theta", "partial_rotary_factor", "rope_scaling")) {
                        c.remove(k);
                    }
                    c.add("rope_parameters", object("{\"rope_type\": \"default\", \"rope_theta\": 1000, \"partial_rotary_factor\": 0.25}"));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v5Forms")
    void aV5ConfigComputesTheOraclesLogits(String name, Consumer<JsonObject> toV5) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        Path v5 = copy(name, toV5);
        assertFalse(Files.readString(v5.resolve("config.json")).contains("rope_scaling"), "the rotary settings are only in rope_parameters");
        try (LanguageModel oldForm = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             LanguageModel newForm = LanguageModel.load(v5, ComputeDevice.CPU)) {
            assertEquals(oldForm.config(), newForm.config());
            List<int[]> prompts = fixture.tokens("clean");
            float[][] expected = oldForm.lastTokenLogits(prompts);
            float[][] logits = newForm.lastTokenLogits(prompts);
            for (int i = 0; i < expected.length; i++) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected[i], logits[i], "prompt " + i);
            }
        }
    }

    /** Rotary frequencies that would be NaN, infinite or 0 make every score NaN: refused when the model is loaded. */
    static Stream<Arguments> nonFiniteRotary() {
        return Stream.of(
                Arguments.of("tiny-llama", "rope_theta", "0"),
                Arguments.of("tiny-llama", "rope_theta", "-10000"),
                Arguments.of("tiny-qwen2", "rope_theta", "-1000000"),
                Arguments.of("tiny-qwen2", "rope_theta", "1e-320"),
                Arguments.of("tiny-neox", "rotary_emb_base", "0"),
                Arguments.of("tiny-neox", "rotary_emb_base", "-10000"),
                Arguments.of("tiny-llama", "rope_scaling", "{\"rope_type\": \"llama3\", \"factor\": 0, \"low_freq_factor\": 1.0, "
                        + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 160}"),
                Arguments.of("tiny-llama", "rope_scaling", "{\"rope_type\": \"llama3\", \"factor\": 1e-320, \"low_freq_factor\": 1.0, "
                        + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 160}"),
                Arguments.of("tiny-llama", "rope_scaling", "{\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": -1.0, "
                        + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 160}"),
                Arguments.of("tiny-llama", "rope_scaling", "{\"rope_type\": \"llama3\", \"factor\": 8, \"low_freq_factor\": 1.0, "
                        + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": -160}"));
    }

    @ParameterizedTest(name = "{0} {1} = {2}")
    @MethodSource("nonFiniteRotary")
    void nonFiniteOrNonPositiveRotaryFrequenciesAreRefusedAtLoad(String name, String key, String value) throws IOException {
        Path model = copy(name, c -> c.add(key, JsonParser.parseString(value)));
        String message = ModelDirs.refusal(model);
        assertTrue(message.contains(model.resolve("config.json").toString()), message);
        String named = key.equals("rope_scaling") ? value.contains("\"factor\": 8") ? value.contains("-1.0") ? "low_freq_factor"
                : "original_max_position_embeddings" : "factor" : key;
        assertTrue(message.contains(named), message);
    }

    /**
     * The case: hidden_size 2^30 with one head would make a 2^29-entry rotary table (and 4 GB of it) before the
     * config met the weights. The declared sizes are checked against the checkpoint's header first, so it is one line
     * naming config.json, the key and the tensor that disagrees, under the normal test heap.
     */
    @Test
    void aHugeDeclaredSizeIsRefusedAgainstTheHeaderBeforeAnythingIsAllocated() throws IOException {
        Path model = copy("tiny-llama", c -> {
            c.addProperty("hidden_size", 1 << 30);
            c.addProperty("num_attention_heads", 1);
            c.addProperty("num_key_value_heads", 1);
            c.remove("head_dim");
        });
        String message = ModelDirs.refusal(model);
        assertTrue(message.contains(model.resolve("config.json").toString()) && message.contains("hidden_size")
                && message.contains("1073741824") && message.contains("model.embed_tokens.weight") && message.contains("(42, 32)"), message);
        assertFalse(message.contains("\n"), message);

        Path neox = copy("tiny-neox", c -> {
            c.addProperty("hidden_size", 1 << 30);
            c.addProperty("num_attention_heads", 1);
        });
        message = ModelDirs.refusal(neox);
        assertTrue(message.contains("hidden_size") && message.contains("gpt_neox.embed_in.weight"), message);
    }

    /** The other declared sizes are named too, each against the first tensor that shows it. */
    @Test
    void otherDeclaredSizesAreNamedAgainstTheirTensor() throws IOException {
        String message = ModelDirs.refusal(copy("tiny-llama", c -> c.addProperty("intermediate_size", 1 << 28)));
        assertTrue(message.contains("intermediate_size") && message.contains("model.layers.0.mlp.gate_proj.weight"), message);
        message = ModelDirs.refusal(copy("tiny-qwen2", c -> c.addProperty("vocab_size", 1 << 28)));
        assertTrue(message.contains("vocab_size") && message.contains("model.embed_tokens.weight"), message);
        message = ModelDirs.refusal(copy("tiny-f32", c -> c.addProperty("n_positions", 1 << 28)));
        assertTrue(message.contains("n_positions") && message.contains("wpe.weight"), message);
        message = ModelDirs.refusal(copy("tiny-llama", c -> c.addProperty("num_key_value_heads", 4)));
        assertTrue(message.contains("num_key_value_heads") && message.contains("model.layers.0.self_attn.k_proj.weight"), message);
        message = ModelDirs.refusal(copy("tiny-neox", c -> c.addProperty("num_hidden_layers", 1 << 30)));
        assertTrue(message.contains("num_hidden_layers 1073741824") && message.contains("gpt_neox.layers.1073741823.attention.query_key_value.weight"),
                message);
        message = ModelDirs.refusal(copy("tiny-qwen2", c -> c.addProperty("num_hidden_layers", 1)));
        assertTrue(message.contains("num_hidden_layers 1") && message.contains("model.layers.1.self_attn.q_proj.weight"), message);
        message = ModelDirs.refusal(copy("tiny-f16", c -> c.addProperty("n_layer", 4)));
        assertTrue(message.contains("n_layer 4") && message.contains("h.3.attn.c_attn.weight"), message);
    }

    /** What random-model writes, and every oracle fixture's config, is read whole: no key left unread, none refused. */
    @Test
    void randomModelsAndFixturesHaveNoUnreadKeys() throws IOException {
        for (Family f : List.of(Family.LLAMA, Family.QWEN2, Family.GPT_NEOX)) {
            boolean neox = f == Family.GPT_NEOX;
            Path out = Files.createTempDirectory(dir, "random");
            RandomFamilyModelWriter.write(out, new RandomFamilyModel(f, 1, 2, neox ? 2 : 1, 16, 32, 8, 64, false, DType.F32,
                    neox ? 0.5 : 1, true, 0, RandomFamilyModel.DEFAULT_SHARD_BYTES), null);
            assertEquals(List.of(), ModelFamilies.read(out.resolve("config.json")).unreadKeys(), f.toString());
        }
        Path gpt2 = Files.createTempDirectory(dir, "gpt2");
        RandomModelWriter.write(gpt2, new ModelConfig(1, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH), 1, DType.F32, null);
        assertEquals(List.of(), ModelFamilies.read(gpt2.resolve("config.json")).unreadKeys());
        for (String name : List.of("tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2",
                "tiny-neox", "tiny-neox-sequential")) {
            assertEquals(List.of(), ModelFamilies.read(OracleFixture.load(name).dir().resolve("config.json")).unreadKeys(), name);
        }
    }

    /**
     * Llama's attention_bias (false by default) decides whether transformers builds q/k/v/o biases: bias tensors in the
     * checkpoint of a config without it would be dropped there, so they are refused rather than used.
     */
    @Test
    void llamaBiasTensorsNeedAttentionBias() throws IOException {
        Path model = copy("tiny-llama", c -> { });
        ModelDirs.editTensors(model, tensors -> {
            for (int l = 0; l < 2; l++) {
                tensors.put("model.layers." + l + ".self_attn.q_proj.bias", TensorData.f32(new float[32], 32));
                tensors.put("model.layers." + l + ".self_attn.k_proj.bias", TensorData.f32(new float[16], 16));
                tensors.put("model.layers." + l + ".self_attn.v_proj.bias", TensorData.f32(new float[16], 16));
            }
        });
        String message = ModelDirs.refusal(model);
        assertTrue(message.contains("config.json") && message.contains("attention_bias") && message.contains("q_proj.bias"), message);
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"attention_bias\":false", "\"attention_bias\":true"));
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU);
             LanguageModel original = LanguageModel.load(OracleFixture.load("tiny-llama").dir(), ComputeDevice.CPU)) {
            List<int[]> prompts = OracleFixture.load("tiny-llama").tokens("clean");
            org.junit.jupiter.api.Assertions.assertArrayEquals(original.lastTokenLogits(prompts)[0], m.lastTokenLogits(prompts)[0],
                    "zero biases change nothing");
        }
    }
}
