package org.eapexplorer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.Family;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.eapexplorer.safetensors.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files random-model writes for Llama, Qwen2 and GPT-NeoX, read back: the tensor names and [out, in] shapes of
 * Hugging Face's modeling_llama.py / modeling_qwen2.py / modeling_gpt_neox.py (written out here by hand, not taken from
 * the writer), config.json's keys, Hugging Face's initialisation, determinism, and sharding.
 */
class RandomFamilyModelWriterTest {

    private static final Path GPT2_TOKENIZER = Path.of("assets/tokenizers/gpt2");

    @TempDir
    Path dir;

    /** 2 layers, 4 query heads of 8 dims, 2 KV heads, d 32, MLP 48, word-level vocab 40. */
    private static RandomFamilyModel small(Family family, boolean tied, DType dtype) {
        boolean neox = family == Family.GPT_NEOX;
        return new RandomFamilyModel(family, 2, 4, neox ? 4 : 2, 32, 48, 40, 64, tied, dtype, neox ? 0.25 : 1, true, 7,
                RandomFamilyModel.DEFAULT_SHARD_BYTES);
    }

    /** name → shape, as Hugging Face's modules register them (nn.Linear weights [out, in]). */
    private static Map<String, long[]> expectedLlama(boolean qwen, boolean tied) {
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("model.embed_tokens.weight", new long[] {40, 32});
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".";
            e.put(p + "self_attn.q_proj.weight", new long[] {32, 32});
            e.put(p + "self_attn.k_proj.weight", new long[] {16, 32});
            e.put(p + "self_attn.v_proj.weight", new long[] {16, 32});
            if (qwen) {
                e.put(p + "self_attn.q_proj.bias", new long[] {32});
                e.put(p + "self_attn.k_proj.bias", new long[] {16});
                e.put(p + "self_attn.v_proj.bias", new long[] {16});
            }
            e.put(p + "self_attn.o_proj.weight", new long[] {32, 32});
            e.put(p + "mlp.gate_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.up_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.down_proj.weight", new long[] {32, 48});
            e.put(p + "input_layernorm.weight", new long[] {32});
            e.put(p + "post_attention_layernorm.weight", new long[] {32});
        }
        e.put("model.norm.weight", new long[] {32});
        if (!tied) {
            e.put("lm_head.weight", new long[] {40, 32});
        }
        return e;
    }

    private static Map<String, long[]> expectedNeox(boolean tied) {
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("gpt_neox.embed_in.weight", new long[] {40, 32});
        for (int l = 0; l < 2; l++) {
            String p = "gpt_neox.layers." + l + ".";
            for (String ln : List.of("input_layernorm", "post_attention_layernorm")) {
                e.put(p + ln + ".weight", new long[] {32});
                e.put(p + ln + ".bias", new long[] {32});
            }
            e.put(p + "attention.query_key_value.weight", new long[] {96, 32});
            e.put(p + "attention.query_key_value.bias", new long[] {96});
            e.put(p + "attention.dense.weight", new long[] {32, 32});
            e.put(p + "attention.dense.bias", new long[] {32});
            e.put(p + "mlp.dense_h_to_4h.weight", new long[] {48, 32});
            e.put(p + "mlp.dense_h_to_4h.bias", new long[] {48});
            e.put(p + "mlp.dense_4h_to_h.weight", new long[] {32, 48});
            e.put(p + "mlp.dense_4h_to_h.bias", new long[] {32});
        }
        e.put("gpt_neox.final_layer_norm.weight", new long[] {32});
        e.put("gpt_neox.final_layer_norm.bias", new long[] {32});
        if (!tied) {
            e.put("embed_out.weight", new long[] {40, 32});
        }
        return e;
    }

    private static void assertTensors(Map<String, long[]> expected, DType dtype, Path model) throws IOException {
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(model)) {
            assertEquals(new java.util.TreeSet<>(expected.keySet()), new java.util.TreeSet<>(ckpt.names()));
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                TensorInfo info = ckpt.info(e.getKey()).orElseThrow();
                assertArrayEquals(e.getValue(), info.shape(), e.getKey());
                assertEquals(dtype, info.dtype(), e.getKey());
            }
        }
    }

    private static JsonObject config(Path model) throws IOException {
        return JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
    }

    @Test
    void llamaHasHuggingFacesNamesShapesAndConfig() throws IOException {
        RandomFamilyModelWriter.write(dir, small(Family.LLAMA, false, DType.F32), null);
        assertTensors(expectedLlama(false, false), DType.F32, dir);
        JsonObject c = config(dir);
        assertEquals("LlamaForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals("llama", c.get("model_type").getAsString());
        assertEquals(32, c.get("hidden_size").getAsInt());
        assertEquals(48, c.get("intermediate_size").getAsInt());
        assertEquals(2, c.get("num_hidden_layers").getAsInt());
        assertEquals(4, c.get("num_attention_heads").getAsInt());
        assertEquals(2, c.get("num_key_value_heads").getAsInt());
        assertEquals(40, c.get("vocab_size").getAsInt());
        assertEquals(64, c.get("max_position_embeddings").getAsInt());
        assertEquals("silu", c.get("hidden_act").getAsString());
        assertEquals(1e-5, c.get("rms_norm_eps").getAsDouble());
        assertEquals(1e4, c.get("rope_theta").getAsDouble());
        assertTrue(c.get("rope_scaling").isJsonNull());
        assertFalse(c.get("tie_word_embeddings").getAsBoolean());
        assertFalse(c.get("attention_bias").getAsBoolean());
        assertEquals("float32", c.get("torch_dtype").getAsString());
        assertEquals(1, c.get("bos_token_id").getAsInt());
        assertEquals(2, c.get("eos_token_id").getAsInt());
        assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
        assertFalse(Files.exists(dir.resolve(SafetensorsCheckpoint.INDEX_FILE)));
    }

    @Test
    void qwen2HasQkvBiasesTiedEmbeddingAndItsConfig() throws IOException {
        RandomFamilyModelWriter.write(dir, small(Family.QWEN2, true, DType.BF16), null);
        assertTensors(expectedLlama(true, true), DType.BF16, dir);
        JsonObject c = config(dir);
        assertEquals("Qwen2ForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals("qwen2", c.get("model_type").getAsString());
        assertTrue(c.get("tie_word_embeddings").getAsBoolean());
        assertEquals(1e6, c.get("rope_theta").getAsDouble());
        assertEquals(1e-6, c.get("rms_norm_eps").getAsDouble());
        assertFalse(c.get("use_sliding_window").getAsBoolean());
        assertEquals("bfloat16", c.get("torch_dtype").getAsString());
    }

    /** Qwen3-0.6B's config.json keys, exactly (its published file, less transformers_version). */
    private static final java.util.Set<String> QWEN3_KEYS = java.util.Set.of("architectures", "attention_bias", "attention_dropout",
            "bos_token_id", "eos_token_id", "head_dim", "hidden_act", "hidden_size", "initializer_range", "intermediate_size",
            "max_position_embeddings", "max_window_layers", "model_type", "num_attention_heads", "num_hidden_layers",
            "num_key_value_heads", "rms_norm_eps", "rope_scaling", "rope_theta", "sliding_window", "tie_word_embeddings",
            "torch_dtype", "use_cache", "use_sliding_window", "vocab_size");

    /** Mistral-7B-v0.1's config.json keys, exactly (its published file, less transformers_version). */
    private static final java.util.Set<String> MISTRAL_KEYS = java.util.Set.of("architectures", "bos_token_id", "eos_token_id",
            "hidden_act", "hidden_size", "initializer_range", "intermediate_size", "max_position_embeddings", "model_type",
            "num_attention_heads", "num_hidden_layers", "num_key_value_heads", "rms_norm_eps", "rope_theta", "sliding_window",
            "tie_word_embeddings", "torch_dtype", "use_cache", "vocab_size");

    @Test
    void qwen3HasPerHeadQkNormsAnExplicitHeadDimAndQwen3sConfig() throws IOException {
        // heads of 16 in d_model 32 with 4 heads: q_proj [64, 32], o_proj [32, 64]
        RandomFamilyModel m = new RandomFamilyModel(Family.QWEN3, 2, 4, 2, 32, 48, 40, 64, true, DType.BF16, 1, true, 7,
                RandomFamilyModel.DEFAULT_SHARD_BYTES, 16, 0);
        RandomFamilyModelWriter.write(dir, m, null);
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("model.embed_tokens.weight", new long[] {40, 32});
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".";
            e.put(p + "self_attn.q_proj.weight", new long[] {64, 32});
            e.put(p + "self_attn.k_proj.weight", new long[] {32, 32});
            e.put(p + "self_attn.v_proj.weight", new long[] {32, 32});
            e.put(p + "self_attn.o_proj.weight", new long[] {32, 64});
            e.put(p + "self_attn.q_norm.weight", new long[] {16});
            e.put(p + "self_attn.k_norm.weight", new long[] {16});
            e.put(p + "mlp.gate_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.up_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.down_proj.weight", new long[] {32, 48});
            e.put(p + "input_layernorm.weight", new long[] {32});
            e.put(p + "post_attention_layernorm.weight", new long[] {32});
        }
        e.put("model.norm.weight", new long[] {32});
        assertTensors(e, DType.BF16, dir);
        JsonObject c = config(dir);
        assertEquals(QWEN3_KEYS, c.keySet());
        assertEquals("Qwen3ForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals("qwen3", c.get("model_type").getAsString());
        assertEquals(16, c.get("head_dim").getAsInt());
        assertFalse(c.get("attention_bias").getAsBoolean());
        assertFalse(c.get("use_sliding_window").getAsBoolean());
        assertTrue(c.get("sliding_window").isJsonNull());
        assertEquals(1e6, c.get("rope_theta").getAsDouble());
        assertEquals(1e-6, c.get("rms_norm_eps").getAsDouble());
        org.eapexplorer.model.ModelConfig read = org.eapexplorer.family.ModelFamilies.readConfig(dir.resolve("config.json"));
        assertEquals(16, read.dHead());
        assertEquals(org.eapexplorer.model.AttentionDesign.QkNorm.PER_HEAD, read.design().attention().qkNorm());
    }

    @Test
    void mistralHasNoBiasesASlidingWindowAndMistralsConfig() throws IOException {
        RandomFamilyModel m = new RandomFamilyModel(Family.MISTRAL, 2, 4, 2, 32, 48, 40, 64, false, DType.F32, 1, true, 7,
                RandomFamilyModel.DEFAULT_SHARD_BYTES, 0, 16);
        RandomFamilyModelWriter.write(dir, m, null);
        assertTensors(expectedLlama(false, false), DType.F32, dir);
        JsonObject c = config(dir);
        assertEquals(MISTRAL_KEYS, c.keySet());
        assertEquals("MistralForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(16, c.get("sliding_window").getAsInt());
        assertEquals(1e-5, c.get("rms_norm_eps").getAsDouble());
        assertArrayEquals(new int[] {16, 16}, org.eapexplorer.family.ModelFamilies.readConfig(dir.resolve("config.json"))
                .design().attention().windows());
        try (org.eapexplorer.tokenizer.Tokenizer t = org.eapexplorer.tokenizer.Tokenizer.load(dir)) {
            assertEquals(java.util.OptionalInt.of(c.get("bos_token_id").getAsInt()), t.bosToken(), "Mistral's tokenizer starts texts with <s>");
        }
    }

    /** Gemma-2-2B's config.json keys (its published file, less transformers_version), and tie_word_embeddings. */
    private static final java.util.Set<String> GEMMA2_KEYS = java.util.Set.of("architectures", "attention_bias", "attention_dropout",
            "attn_logit_softcapping", "bos_token_id", "cache_implementation", "eos_token_id", "final_logit_softcapping", "head_dim",
            "hidden_act", "hidden_activation", "hidden_size", "initializer_range", "intermediate_size", "max_position_embeddings",
            "model_type", "num_attention_heads", "num_hidden_layers", "num_key_value_heads", "pad_token_id", "query_pre_attn_scalar",
            "rms_norm_eps", "rope_theta", "sliding_window", "tie_word_embeddings", "torch_dtype", "use_cache", "vocab_size");

    /** Gemma-3-1B's config.json keys (its published file, less transformers_version), and tie_word_embeddings. */
    private static final java.util.Set<String> GEMMA3_KEYS = java.util.Set.of("architectures", "attention_bias", "attention_dropout",
            "attn_logit_softcapping", "bos_token_id", "cache_implementation", "eos_token_id", "final_logit_softcapping", "head_dim",
            "hidden_activation", "hidden_size", "initializer_range", "intermediate_size", "max_position_embeddings", "model_type",
            "num_attention_heads", "num_hidden_layers", "num_key_value_heads", "pad_token_id", "query_pre_attn_scalar", "rms_norm_eps",
            "rope_local_base_freq", "rope_scaling", "rope_theta", "sliding_window", "sliding_window_pattern", "tie_word_embeddings",
            "torch_dtype", "use_cache", "vocab_size");

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Family.class, names = {"GEMMA2", "GEMMA3"})
    void gemmaHasFourNormsABlockAtZeroAndItsPublishedConfig(Family family) throws IOException {
        boolean gemma3 = family == Family.GEMMA3;
        RandomFamilyModel m = new RandomFamilyModel(family, 2, 4, 2, 32, 48, 40, 64, true, DType.BF16, 1, true, 7,
                RandomFamilyModel.DEFAULT_SHARD_BYTES, 16, 8);
        RandomFamilyModelWriter.write(dir, m, null);
        Map<String, long[]> e = new LinkedHashMap<>();
        e.put("model.embed_tokens.weight", new long[] {40, 32});
        for (int l = 0; l < 2; l++) {
            String p = "model.layers." + l + ".";
            e.put(p + "input_layernorm.weight", new long[] {32});
            e.put(p + "self_attn.q_proj.weight", new long[] {64, 32});
            e.put(p + "self_attn.k_proj.weight", new long[] {32, 32});
            e.put(p + "self_attn.v_proj.weight", new long[] {32, 32});
            e.put(p + "self_attn.o_proj.weight", new long[] {32, 64});
            if (gemma3) {
                e.put(p + "self_attn.q_norm.weight", new long[] {16});
                e.put(p + "self_attn.k_norm.weight", new long[] {16});
            }
            e.put(p + "post_attention_layernorm.weight", new long[] {32});
            e.put(p + "pre_feedforward_layernorm.weight", new long[] {32});
            e.put(p + "mlp.gate_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.up_proj.weight", new long[] {48, 32});
            e.put(p + "mlp.down_proj.weight", new long[] {32, 48});
            e.put(p + "post_feedforward_layernorm.weight", new long[] {32});
        }
        e.put("model.norm.weight", new long[] {32});
        assertTensors(e, DType.BF16, dir);
        JsonObject c = config(dir);
        assertEquals(gemma3 ? GEMMA3_KEYS : GEMMA2_KEYS, c.keySet());
        assertEquals(family.architecture(), c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(16, c.get("query_pre_attn_scalar").getAsInt());
        org.eapexplorer.model.ModelConfig read = org.eapexplorer.family.ModelFamilies.readConfig(dir.resolve("config.json"));
        assertEquals(16, read.dHead());
        assertEquals(gemma3 ? 0 : 50.0, read.design().attention().softcap());
        assertArrayEquals(gemma3 ? new int[] {8, 8} : new int[] {8, 0}, read.design().attention().windows());
        try (org.eapexplorer.tokenizer.Tokenizer t = org.eapexplorer.tokenizer.Tokenizer.load(dir)) {
            assertEquals(java.util.OptionalInt.of(c.get("bos_token_id").getAsInt()), t.bosToken(), "Gemma's tokenizer starts texts with BOS");
        }
    }

    @Test
    void gptNeoxHasFusedQkvLayerNormsAndPythiasConfig() throws IOException {
        RandomFamilyModel m = new RandomFamilyModel(Family.GPT_NEOX, 2, 4, 4, 32, 48, 40, 64, false, DType.F16, 0.5,
                false, 7, RandomFamilyModel.DEFAULT_SHARD_BYTES);
        RandomFamilyModelWriter.write(dir, m, null);
        assertTensors(expectedNeox(false), DType.F16, dir);
        JsonObject c = config(dir);
        assertEquals("GPTNeoXForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals("gpt_neox", c.get("model_type").getAsString());
        assertEquals(0.5, c.get("rotary_pct").getAsDouble());
        assertEquals(10000, c.get("rotary_emb_base").getAsInt());
        assertFalse(c.get("use_parallel_residual").getAsBoolean());
        assertEquals("gelu", c.get("hidden_act").getAsString());
        assertEquals(1e-5, c.get("layer_norm_eps").getAsDouble());
        assertFalse(c.has("num_key_value_heads"));
        assertFalse(c.get("tie_word_embeddings").getAsBoolean());
    }

    @Test
    void tiedNeoxHasNoEmbedOut() throws IOException {
        RandomFamilyModelWriter.write(dir, small(Family.GPT_NEOX, true, DType.F32), null);
        assertTensors(expectedNeox(true), DType.F32, dir);
    }

    @Test
    void weightsAreInitialisedAsHuggingFaceDoes() throws IOException {
        RandomFamilyModelWriter.write(dir, small(Family.QWEN2, false, DType.F32), null);
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(dir)) {
            for (String name : ckpt.names()) {
                float[] v = ckpt.readFloats(name);
                if (name.endsWith("norm.weight")) {
                    for (float x : v) {
                        assertEquals(1f, x, name);
                    }
                } else if (name.endsWith(".bias")) {
                    for (float x : v) {
                        assertEquals(0f, x, name);
                    }
                } else {
                    double sum = 0;
                    double squares = 0;
                    for (float x : v) {
                        sum += x;
                        squares += (double) x * x;
                    }
                    double mean = sum / v.length;
                    double std = Math.sqrt(squares / v.length - mean * mean);
                    // At least 1,024 draws each: the sample std is within 10 % of 0.02 with overwhelming probability.
                    assertEquals(0.02, std, 0.002, name);
                    assertEquals(0, mean, 0.004, name);
                }
            }
            // Each tensor draws from its own stream: same-shaped matrices differ.
            assertFalse(java.util.Arrays.equals(ckpt.readFloats("model.layers.0.mlp.gate_proj.weight"),
                    ckpt.readFloats("model.layers.0.mlp.up_proj.weight")));
        }
    }

    @Test
    void theSameSeedWritesTheSameBytesAndAnotherSeedOthers() throws IOException {
        RandomFamilyModel m = small(Family.LLAMA, false, DType.BF16);
        RandomFamilyModelWriter.write(dir.resolve("a"), m, null);
        RandomFamilyModelWriter.write(dir.resolve("b"), m, null);
        RandomFamilyModelWriter.write(dir.resolve("c"), m.withSeed(8), null);
        for (String f : List.of("model.safetensors", "config.json", "tokenizer.json")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(dir.resolve("a/model.safetensors")),
                Files.readAllBytes(dir.resolve("c/model.safetensors"))));
    }

    @Test
    void theShardedFormEqualsTheSingleFileTensorByTensor() throws IOException {
        RandomFamilyModel m = small(Family.QWEN2, false, DType.F32);
        RandomFamilyModelWriter.write(dir.resolve("single"), m, null);
        // The embedding is 40 × 32 × 4 = 5,120 bytes; each layer's tensors total 31,104 bytes.
        List<Path> shards = RandomFamilyModelWriter.write(dir.resolve("sharded"), m.withShardBytes(20_000), null);
        assertTrue(shards.size() > 2, shards.toString());
        assertEquals(String.format("model-00001-of-%05d.safetensors", shards.size()), shards.get(0).getFileName().toString());
        assertFalse(Files.exists(dir.resolve("sharded/model.safetensors")));
        JsonObject index = JsonParser.parseString(Files.readString(dir.resolve("sharded").resolve(SafetensorsCheckpoint.INDEX_FILE)))
                .getAsJsonObject();
        long total = 0;
        try (SafetensorsCheckpoint single = SafetensorsCheckpoint.open(dir.resolve("single"));
                SafetensorsCheckpoint sharded = SafetensorsCheckpoint.open(dir.resolve("sharded"))) {
            assertEquals(shards, sharded.files());
            assertEquals(new java.util.TreeSet<>(single.names()), new java.util.TreeSet<>(sharded.names()));
            for (String name : single.names()) {
                assertArrayEquals(single.readFloats(name), sharded.readFloats(name), name);
                total += single.info(name).orElseThrow().byteLength();
            }
            List<String> keys = new ArrayList<>(index.getAsJsonObject("weight_map").keySet());
            assertEquals(keys.stream().sorted().toList(), keys, "the weight_map's keys are sorted, as save_pretrained writes them");
        }
        assertEquals(total, index.getAsJsonObject("metadata").get("total_size").getAsLong());
        // Written again whole, the shards' index goes, so the new single file is what is read.
        RandomFamilyModelWriter.write(dir.resolve("sharded"), m, null);
        assertFalse(Files.exists(dir.resolve("sharded").resolve(SafetensorsCheckpoint.INDEX_FILE)));
    }

    @Test
    void byteLevelVocabulariesUseGpt2sTokenizerWithTheFamilysSpecialTokens() throws IOException {
        RandomFamilyModel llama = new RandomFamilyModel(Family.LLAMA, 1, 2, 1, 16, 16, 50260, 64, false, DType.BF16, 1, true, 0,
                RandomFamilyModel.DEFAULT_SHARD_BYTES);
        RandomFamilyModelWriter.write(dir.resolve("llama"), llama, GPT2_TOKENIZER);
        JsonObject c = config(dir.resolve("llama"));
        assertEquals(50257, c.get("bos_token_id").getAsInt());
        assertEquals(50256, c.get("eos_token_id").getAsInt());
        String tokenizer = Files.readString(dir.resolve("llama/tokenizer.json"));
        assertTrue(tokenizer.contains("\"TemplateProcessing\""));
        assertTrue(tokenizer.contains(RandomFamilyModelWriter.LLAMA3_BOS));

        RandomFamilyModel neox = new RandomFamilyModel(Family.GPT_NEOX, 1, 2, 2, 16, 16, 50304, 64, false, DType.BF16, 0.25,
                true, 0, RandomFamilyModel.DEFAULT_SHARD_BYTES);
        RandomFamilyModelWriter.write(dir.resolve("neox"), neox, GPT2_TOKENIZER);
        assertEquals(50256, config(dir.resolve("neox")).get("bos_token_id").getAsInt());
        assertFalse(Files.readString(dir.resolve("neox/tokenizer.json")).contains("TemplateProcessing"));
    }

    @Test
    void shapesTheFamilyCannotHaveAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RandomFamilyModel(Family.LLAMA, 2, 4, 3, 32, 48, 40, 64, false,
                DType.F32, 1, true, 0, 1000), "4 heads in groups of 3");
        assertThrows(IllegalArgumentException.class, () -> new RandomFamilyModel(Family.GPT_NEOX, 2, 4, 2, 32, 48, 40, 64, false,
                DType.F32, 0.25, true, 0, 1000), "GQA on GPT-NeoX");
        assertThrows(IllegalArgumentException.class, () -> new RandomFamilyModel(Family.QWEN2, 2, 4, 2, 32, 48, 40, 64, false,
                DType.F32, 0.5, true, 0, 1000), "rotary-pct on Qwen2");
        assertThrows(IllegalArgumentException.class, () -> new RandomFamilyModel(Family.GPT_NEOX, 2, 4, 4, 32, 48, 40, 64, false,
                DType.F32, 0.375, true, 0, 1000), "0.375 × 8 dims is not even");
        assertThrows(IllegalArgumentException.class, () -> new RandomFamilyModel(Family.LLAMA, 2, 5, 5, 32, 48, 40, 64, false,
                DType.F32, 1, true, 0, 1000), "32 not divisible by 5");
    }

    @Test
    void theWrittenTokenizerStartsTextsWithTheConfigsBosForLlamaOnly() throws IOException {
        for (Family family : java.util.EnumSet.of(Family.LLAMA, Family.QWEN2, Family.GPT_NEOX)) {
            Path model = dir.resolve(family.option());
            RandomFamilyModelWriter.write(model, small(family, false, DType.F32), null);
            int bos = config(model).get("bos_token_id").getAsInt();
            try (org.eapexplorer.tokenizer.Tokenizer t = org.eapexplorer.tokenizer.Tokenizer.load(model)) {
                assertEquals(family == Family.LLAMA ? java.util.OptionalInt.of(bos) : java.util.OptionalInt.empty(), t.bosToken(),
                        family.toString());
                assertEquals(40, t.vocabSize());
                assertArrayEquals(new int[] {5, 6}, t.encode("t5 t6"));
            }
        }
    }
}
