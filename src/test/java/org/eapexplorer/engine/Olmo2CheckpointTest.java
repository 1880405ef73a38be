package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eapexplorer.safetensors.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OLMo-2 directory whose tensors are not OLMo-2's block is refused naming the tensor, never read as something else: a
 * Llama checkpoint labelled OLMo-2 (its input norms would otherwise be dropped and its post-attention norm read as the
 * attention's output norm), and per-head q/k norms (Qwen3's [head_dim]) where OLMo-2's span the whole projection.
 */
class Olmo2CheckpointTest {

    @TempDir
    Path dir;

    private void copy(String fixture) throws IOException {
        Path from = OracleFixture.load(fixture).dir();
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aLlamaCheckpointLabelledOlmo2IsRefused() throws IOException {
        copy("tiny-llama");
        Path config = dir.resolve("config.json");
        Files.writeString(config, Files.readString(config).replace("LlamaForCausalLM", "Olmo2ForCausalLM")
                .replace("\"model_type\": \"llama\"", "\"model_type\": \"olmo2\""));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("model.safetensors") && message.contains("model.layers.0.post_feedforward_layernorm.weight"), message);
    }

    @Test
    void perHeadQkNormsAreRefused() throws IOException {
        copy("tiny-olmo2");
        ModelDirs.editTensors(dir, tensors -> tensors.put("model.layers.1.self_attn.q_norm.weight", TensorData.f32(new float[8], 8)));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("model.layers.1.self_attn.q_norm.weight") && message.contains("32"), message);
    }

    @Test
    void inputNormsBesideOlmo2sAreRefused() throws IOException {
        copy("tiny-olmo2");
        ModelDirs.editTensors(dir, tensors -> tensors.put("model.layers.0.input_layernorm.weight", TensorData.f32(new float[32], 32)));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("unexpected tensors") && message.contains("model.layers.0.input_layernorm.weight"), message);
    }
}
