package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.training.RandomFamilyModel;
import org.eapexplorer.training.RandomFamilyModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What {@code random-model --arch} writes is what the engine reads: each family's random model (grouped-query
 * attention, sharded, BF16, tied or not, GPT-NeoX's parallel block) loads as that family, and its EAP scores are the
 * directional derivatives of the metric through the forward pass's receiver deltas — the engine checked against itself
 * on the writer's files; the oracle fixtures check it against the equations.
 */
class RandomFamilyModelsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"LLAMA, 2, false, F32, 1.0, true, 4, 0, 0", "QWEN2, 1, true, BF16, 1.0, true, 2, 0, 0",
            "GPT_NEOX, 4, false, F32, 0.25, true, 4, 0, 0", "GPT_NEOX, 4, true, F16, 0.5, false, 4, 0, 0",
            "QWEN3, 2, true, F32, 1.0, true, 2, 16, 0", "MISTRAL, 2, false, BF16, 1.0, true, 1, 0, 3",
            "GEMMA2, 2, true, BF16, 1.0, true, 2, 16, 3", "GEMMA3, 1, true, F32, 1.0, true, 1, 16, 3",
            "OLMO2, 2, false, F32, 1.0, true, 2, 0, 0"})
    void theWritersModelsLoadAndTheirScoresAreDirectionalDerivatives(Family family, int kvHeads, boolean tied, DType dtype,
                                                                    double rotaryPct, boolean parallel, int shards, int headDim,
                                                                    int window) throws Exception {
        RandomFamilyModel shape = new RandomFamilyModel(family, 2, 4, kvHeads, 32, 48, 40, 64, tied, dtype, rotaryPct, parallel, 11,
                shards == 1 ? RandomFamilyModel.DEFAULT_SHARD_BYTES : 8_000, headDim, window);
        RandomFamilyModelWriter.write(dir, shape, null);
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(family, model.config().family());
            assertEquals(kvHeads, model.config().kvHeads());
            assertEquals(family == Family.GPT_NEOX && parallel, model.graph().parallel());
            assertEquals(headDim == 0 ? 8 : headDim, model.config().dHead());
            // Gemma-2 slides on layers 0, 2, …; Gemma-3 on five of six; Mistral on all
            assertEquals(window, model.config().design().attention().window(family == Family.GEMMA2 ? 0 : 1));
            List<TokenizedPair> pairs = List.of(
                    new TokenizedPair(new int[] {5, 9, 12, 7, 30}, new int[] {5, 9, 21, 7, 30}, new int[] {12}, new int[] {21}),
                    new TokenizedPair(new int[] {33, 8, 14}, new int[] {33, 8, 16}, new int[] {6}, new int[] {19}));
            float[] scores = EapKernel.run(model, pairs, MetricKind.LOGIT_DIFF, 0.5).scores();
            GraphIndex graph = model.graph();
            double largest = 0;
            for (float s : scores) {
                largest = Math.max(largest, Math.abs(s));
            }
            assertTrue(largest > 1e-4, "scores that are all zero would check nothing");
            for (int edge = 0; edge < graph.edgeCount(); edge += 7) {
                double fd = FiniteDifferenceTest.directionalDerivative(model, pairs, MetricKind.LOGIT_DIFF, graph.edge(edge), 1e-2);
                assertEquals(fd, scores[edge], 2e-3 * largest, graph.edgeName(edge));
            }
        }
    }

    /**
     * Checkpoints converted from Pythia's own files also carry each layer's causal-mask buffers and rotary table
     * ({@code attention.bias}, {@code attention.masked_bias}, {@code attention.rotary_emb.inv_freq}): not weights, left
     * unread; any other tensor the family does not read is still refused, by name.
     */
    @Test
    void pythiasBuffersAreLeftUnreadAndStrangersRefused() throws Exception {
        RandomFamilyModelWriter.write(dir, new RandomFamilyModel(Family.GPT_NEOX, 2, 4, 4, 32, 48, 40, 64, false, DType.F32, 0.25,
                true, 3, RandomFamilyModel.DEFAULT_SHARD_BYTES), null);
        Path weights = dir.resolve("model.safetensors");
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsFile file = SafetensorsFile.open(weights)) {
            for (String name : file.names()) {
                tensors.put(name, TensorData.f32(file.readFloats(name), file.info(name).orElseThrow().shape()));
            }
        }
        for (int l = 0; l < 2; l++) {
            String p = "gpt_neox.layers." + l + ".attention.";
            tensors.put(p + "bias", TensorData.f32(new float[64 * 64], 1, 1, 64, 64));
            tensors.put(p + "masked_bias", TensorData.f32(new float[] {-1e9f}));
            tensors.put(p + "rotary_emb.inv_freq", TensorData.f32(new float[] {1f}, 1));
        }
        SafetensorsWriter.write(weights, tensors);
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            assertEquals(Family.GPT_NEOX, model.config().family());
        }
        tensors.put("gpt_neox.layers.0.attention.extra.weight", TensorData.f32(new float[] {1f}, 1));
        SafetensorsWriter.write(weights, tensors);
        String message = assertThrows(IOException.class,
                () -> LanguageModel.load(dir, ComputeDevice.CPU)).getMessage();
        assertTrue(message.contains("unexpected tensors for a GPT-NeoX model: gpt_neox.layers.0.attention.extra.weight"), message);
    }
}
