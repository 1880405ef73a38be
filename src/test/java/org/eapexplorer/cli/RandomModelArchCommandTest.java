package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** random-model --arch llama|qwen2|gpt-neox: the options reach the files, and options of another family are refused. */
class RandomModelArchCommandTest {

    @TempDir
    Path dir;

    private static JsonObject config(Path model) throws IOException {
        return JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
    }

    @Test
    void qwen2OptionsReachConfigAndTensors() throws IOException {
        Path out = dir.resolve("qwen");
        assertEquals(0, EapCli.run("random-model", "--arch", "qwen2", "--out", out.toString(), "--layers", "3", "--heads", "6",
                "--kv-heads", "2", "--d-model", "48", "--d-mlp", "80", "--vocab", "100", "--no-tie", "--dtype", "bf16",
                "--shard-size", "10KB"));
        JsonObject c = config(out);
        assertEquals("Qwen2ForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(3, c.get("num_hidden_layers").getAsInt());
        assertEquals(6, c.get("num_attention_heads").getAsInt());
        assertEquals(2, c.get("num_key_value_heads").getAsInt());
        assertEquals(80, c.get("intermediate_size").getAsInt());
        assertFalse(c.get("tie_word_embeddings").getAsBoolean());
        assertTrue(Files.isRegularFile(out.resolve(SafetensorsCheckpoint.INDEX_FILE)));
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(out)) {
            assertTrue(ckpt.files().size() > 1);
            assertArrayEquals(new long[] {16, 48}, ckpt.info("model.layers.2.self_attn.k_proj.weight").orElseThrow().shape());
            assertArrayEquals(new long[] {100, 48}, ckpt.info("lm_head.weight").orElseThrow().shape());
        }
    }

    @Test
    void qwen3AndMistralOptionsReachConfigAndTensors() throws IOException {
        Path qwen3 = dir.resolve("qwen3");
        assertEquals(0, EapCli.run("random-model", "--arch", "qwen3", "--out", qwen3.toString(), "--layers", "2", "--d-model", "32",
                "--head-dim", "12", "--vocab", "100"));
        JsonObject c = config(qwen3);
        assertEquals("Qwen3ForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(12, c.get("head_dim").getAsInt());
        assertTrue(c.get("tie_word_embeddings").getAsBoolean());
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(qwen3)) {
            assertArrayEquals(new long[] {48, 32}, ckpt.info("model.layers.1.self_attn.q_proj.weight").orElseThrow().shape());
            assertArrayEquals(new long[] {12}, ckpt.info("model.layers.1.self_attn.k_norm.weight").orElseThrow().shape());
        }
        Path mistral = dir.resolve("mistral");
        assertEquals(0, EapCli.run("random-model", "--arch", "mistral", "--out", mistral.toString(), "--layers", "2", "--d-model", "32",
                "--vocab", "100", "--sliding-window", "6"));
        c = config(mistral);
        assertEquals("MistralForCausalLM", c.getAsJsonArray("architectures").get(0).getAsString());
        assertEquals(6, c.get("sliding_window").getAsInt());
        assertFalse(c.has("head_dim"));
        assertEquals(0, EapCli.run("random-model", "--arch", "mistral", "--out", dir.resolve("m0").toString(), "--layers", "1",
                "--d-model", "32", "--vocab", "100", "--sliding-window", "0"));
        assertTrue(config(dir.resolve("m0")).get("sliding_window").isJsonNull());
    }

    @Test
    void neoxDefaultsArePythiasAndSequentialIsWritten() throws IOException {
        Path out = dir.resolve("neox");
        assertEquals(0, EapCli.run("random-model", "--arch", "gpt-neox", "--out", out.toString(), "--vocab", "64",
                "--sequential", "--rotary-pct", "0.5"));
        JsonObject c = config(out);
        assertEquals("gpt_neox", c.get("model_type").getAsString());
        assertFalse(c.get("use_parallel_residual").getAsBoolean());
        assertEquals(0.5, c.get("rotary_pct").getAsDouble());
        assertEquals(512, c.get("intermediate_size").getAsInt());
        assertEquals(4, c.get("num_hidden_layers").getAsInt());
    }

    @Test
    void optionsOfAnotherFamilyAreRefusedByName() {
        assertRefused("--kv-heads: only for --arch llama, qwen2, qwen3, mistral, gemma2, gemma3 and olmo2, not gpt-neox",
                "random-model", "--arch", "gpt-neox", "--out", dir.resolve("a").toString(), "--kv-heads", "2");
        assertRefused("--rotary-pct, --parallel and --sequential: only for --arch gpt-neox, not llama",
                "random-model", "--arch", "llama", "--out", dir.resolve("b").toString(), "--rotary-pct", "0.5");
        assertRefused("--tie: not options of --arch gpt2",
                "random-model", "--out", dir.resolve("c").toString(), "--tie");
        assertRefused("--arch falcon: expected gpt2, llama, qwen2, gpt-neox, qwen3, mistral, gemma2, gemma3 or olmo2",
                "random-model", "--arch", "falcon", "--out", dir.resolve("d").toString());
        assertRefused("--sliding-window: only for --arch mistral, gemma2 and gemma3, not qwen3",
                "random-model", "--arch", "qwen3", "--out", dir.resolve("g").toString(), "--sliding-window", "8");
        assertRefused("--head-dim: only for --arch qwen3, mistral, gemma2 and gemma3, not llama",
                "random-model", "--arch", "llama", "--out", dir.resolve("h").toString(), "--head-dim", "8");
        assertRefused("--head-dim/--sliding-window: not options of --arch gpt2",
                "random-model", "--out", dir.resolve("i").toString(), "--head-dim", "8");
        assertRefused("--shard-size 5 apples: expected bytes or a size such as 500MB, 2GB, 512MiB",
                "random-model", "--arch", "llama", "--out", dir.resolve("e").toString(), "--shard-size", "5 apples");
        assertRefused("--dtype f64: expected f32, f16 or bf16",
                "random-model", "--arch", "llama", "--out", dir.resolve("f").toString(), "--dtype", "f64");
    }

    @Test
    void shardSizesReadAsHuggingFaceReadsThem() {
        assertEquals(5_000_000_000L, ByteSize.parse("--shard-size", "5GB"));
        assertEquals(2L << 30, ByteSize.parse("--shard-size", "2GiB"));
        assertEquals(500_000_000L, ByteSize.parse("--shard-size", "500mb"));
        assertEquals(1536L * 1024, ByteSize.parse("--shard-size", "1.5MiB"));
        assertEquals(123L, ByteSize.parse("--shard-size", "123"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("--shard-size", "0"));
    }

    private static void assertRefused(String message, String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, EapCli.run(args));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(message), text);
    }
}
