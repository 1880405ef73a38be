package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.training.Gpt2Trainer;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attention-only models ({@code "attn_only": true}, TransformerLens's key) load without MLP tensors, get the graph
 * without {@code m{l}}, and every way a directory can contradict itself is refused naming the key or tensor. The
 * numbers of the forward pass, EAP, patching and circuits are held against the oracle's {@code tiny-attn-only}.
 */
class AttentionOnlyModelTest {

    private static final ModelConfig ATTN = ModelConfig.attentionOnly(2, 2, 8, 16, 12, 1e-5);

    @TempDir
    Path dir;

    @Test
    void aRandomAttentionOnlyModelIsWrittenAndLoads() throws IOException {
        RandomModelWriter.write(dir, ATTN, 1, DType.F32, null);
        JsonObject config = JsonParser.parseString(Files.readString(dir.resolve("config.json"))).getAsJsonObject();
        assertTrue(config.get("attn_only").getAsBoolean());
        assertFalse(config.has("n_inner"));
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            assertTrue(f.names().stream().noneMatch(n -> n.contains("mlp") || n.contains("ln_2")), f.names().toString());
            assertEquals(4 + 2 * 6, f.names().size(), "wte, wpe, ln_f ×2 and per layer ln_1 ×2, c_attn ×2, c_proj ×2");
        }
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertTrue(model.config().attnOnly());
            assertEquals(0, model.config().dMlp());
            assertTrue(model.graph().sameShape(GraphIndex.attentionOnly(2, 2)));
            assertEquals(GraphIndex.expectedEdgeCount(2, 2, true), model.graph().edgeCount());
            assertEquals(12, model.lastTokenLogits(List.of(new int[] {1, 2, 3}))[0].length);
        }
    }

    @Test
    void mlpTensorsInAnAttentionOnlyModelAreRefusedByName() throws IOException {
        RandomModelWriter.write(dir, ATTN, 1, DType.F32, null);
        ModelDirs.editTensors(dir, tensors -> tensors.put("h.1.mlp.c_fc.weight", TensorData.f32(new float[8 * 32], 8, 32)));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("model.safetensors") && message.contains("attn_only")
                && message.contains("MLP tensor 'h.1.mlp.c_fc.weight'"), message);
    }

    @Test
    void aModelWithMlpsMarkedAttentionOnlyIsRefused() throws IOException {
        RandomModelWriter.write(dir, new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH), 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"n_layer\"", "\"attn_only\": true, \"n_layer\""));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("config.json says attn_only") && message.matches("(?s).*MLP tensor 'h\\.\\d\\.(ln_2|mlp)\\..*"), message);
    }

    @Test
    void anAttentionOnlyModelWithoutTheFlagMissesItsMlp() throws IOException {
        RandomModelWriter.write(dir, ATTN, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("\"attn_only\": true,", ""));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("missing tensor 'h.0.ln_2.weight'"), message);
    }

    @Test
    void configProblems() throws IOException {
        RandomModelWriter.write(dir, ATTN, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        String good = Files.readString(config);
        Files.writeString(config, good.replace("\"attn_only\": true", "\"attn_only\": \"yes\""));
        assertTrue(ModelDirs.refusal(dir).contains("config.json: 'attn_only' must be true or false, got \"yes\""), ModelDirs.refusal(dir));
        Files.writeString(config, good.replace("\"attn_only\": true", "\"attn_only\": true, \"positional_embedding_type\": \"shortformer\""));
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertTrue(model.config().attnOnly() && model.config().shortformer(), "attn-only-4l's combination loads");
        }
        Files.writeString(config, good.replace("\"attn_only\": true", "\"attn_only\": true, \"positional_embedding_type\": \"rotary\""));
        assertTrue(ModelDirs.refusal(dir).contains("positional_embedding_type 'rotary' is not supported"));
        Files.writeString(config, good.replace("\"attn_only\": true", "\"attn_only\": true, \"positional_embedding_type\": \"standard\", \"n_inner\": 99"));
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(0, model.config().dMlp(), "n_inner means nothing without MLPs");
        }
    }

    @Test
    void configInvariants() {
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH, true));
        assertThrows(IllegalArgumentException.class, () -> new ModelConfig(2, 2, 8, 0, 16, 12, 1e-5, Activation.GELU_TANH, false));
        assertTrue(ATTN.graph().attnOnly());
        assertFalse(new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH).graph().attnOnly());
        assertThrows(IllegalArgumentException.class, () -> Gpt2Trainer.create(ATTN, 1, ComputeDevice.CPU));
    }

    @Test
    void theOracleFixtureIsAttentionOnly() throws IOException {
        OracleFixture fixture = OracleFixture.load("tiny-attn-only");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
            assertTrue(model.graph().attnOnly());
            assertEquals(fixture.number("n_edges"), model.graph().edgeCount());
            List<String> upstream = model.graph().upstream().stream().map(n -> n.name()).toList();
            List<String> expected = new java.util.ArrayList<>();
            fixture.reference().getAsJsonArray("upstream_nodes").forEach(e -> expected.add(e.getAsString()));
            assertEquals(expected, upstream);
        }
    }
}
