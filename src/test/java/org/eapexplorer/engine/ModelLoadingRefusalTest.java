package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.training.RandomModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model directory that cannot be used is refused with a message naming the file, the key or tensor, and what was expected. */
class ModelLoadingRefusalTest {

    private static final ModelConfig TINY = new ModelConfig(2, 2, 8, 32, 16, 12, 1e-5, Activation.GELU_TANH);

    @TempDir
    Path dir;

    @Test
    void aWellFormedRandomModelLoads() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F16, null);
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(2, model.config().nLayer());
            assertEquals(12, model.lastTokenLogits(java.util.List.of(new int[] {1, 2, 3}))[0].length);
            assertTrue(model.deviceDescription().startsWith("CPU"));
        }
    }

    @Test
    void missingTensor() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        ModelDirs.editTensors(dir, tensors -> tensors.remove("h.1.mlp.c_fc.bias"));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("model.safetensors") && message.contains("missing tensor 'h.1.mlp.c_fc.bias'"), message);
    }

    @Test
    void shapeThatDisagreesWithTheConfig() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json")).replace("\"n_inner\": 32", "\"n_inner\": 16"));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains("tensor 'h.0.mlp.c_fc.weight' has shape (8, 32) but config.json implies (8, 16)"), message);
    }

    @Test
    void truncatedWeights() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Path weights = dir.resolve("model.safetensors");
        byte[] bytes = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        String message = ModelDirs.refusal(dir);
        assertTrue(message.contains(weights.toString()), message);
    }

    @Test
    void unexpectedTensorsMeanADifferentArchitecture() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        ModelDirs.editTensors(dir, tensors -> tensors.put("h.0.attn.q_norm.weight", TensorData.f32(new float[8], 8)));
        assertTrue(ModelDirs.refusal(dir).contains("unexpected tensors for a GPT-2 model: h.0.attn.q_norm.weight"));
    }

    @Test
    void configProblems() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Path config = dir.resolve("config.json");
        String good = Files.readString(config);
        Files.writeString(config, good.replace("\"n_head\": 2,", ""));
        assertTrue(ModelDirs.refusal(dir).contains("config.json: missing key 'n_head'"));
        Files.writeString(config, good.replace("\"n_head\": 2", "\"n_head\": 3"));
        assertTrue(ModelDirs.refusal(dir).contains("n_embd (8) must be divisible by n_head (3)"));
        Files.writeString(config, good.replace("gelu_new", "swiglu"));
        assertTrue(ModelDirs.refusal(dir).contains("activation_function 'swiglu' is not supported"));
        Files.writeString(config, "{not json");
        assertTrue(ModelDirs.refusal(dir).contains("config.json: not valid JSON at line 1, column 2: expected a key in double quotes, found 'not'"),
                ModelDirs.refusal(dir));
    }

    @Test
    void aPickleIsNeverRead() throws IOException {
        RandomModelWriter.write(dir, TINY, 1, DType.F32, null);
        Files.delete(dir.resolve("model.safetensors"));
        Files.writeString(dir.resolve("pytorch_model.bin"), "not read");
        assertTrue(ModelDirs.refusal(dir).contains("pytorch_model.bin is a pickle and is never read"));
    }

    @Test
    void aFolderADownloadWasStoppedMovingIntoIsRefusedUntilTheMoveIsFinished() throws IOException {
        Path model = dir.resolve("m");
        RandomModelWriter.write(model, TINY, 1, DType.F32, null);
        // What a download killed between its moves leaves beside the folder: the list of files still to move in.
        Path journal = dir.resolve(".m.eap-download").resolve("moving.txt");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "config.json\nmodel.safetensors\n");
        String message = ModelDirs.refusal(model);
        assertTrue(message.contains("stopped while moving its files in") && message.contains(journal.toString())
                && message.contains("run the same download again"), message);
        Files.delete(journal);
        try (LanguageModel loaded = LanguageModel.load(model, ComputeDevice.CPU)) {
            assertEquals(2, loaded.config().nLayer());
        }
    }

    @Test
    void notADirectory() {
        assertThrows(ModelFormatException.class, () -> LanguageModel.load(dir.resolve("nope"), ComputeDevice.CPU));
    }
}
