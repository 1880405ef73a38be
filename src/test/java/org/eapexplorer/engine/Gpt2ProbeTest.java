package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.engine.Gpt2Probe.Ablation;
import org.eapexplorer.model.EdgeId;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.SafetensorsFile;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.safetensors.TensorInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attention patterns and edge ablation, checked against the plain forward pass and against edited weights. */
class Gpt2ProbeTest {

    @TempDir
    Path dir;

    private static final List<int[]> PROMPTS = List.of(new int[] {3, 7, 1, 9, 4, 7, 1}, new int[] {5, 5, 2, 8, 3, 6, 10});

    @Test
    void attentionRowsAreCausalDistributions() throws Exception {
        try (LanguageModel model = LanguageModel.load(OracleFixture.load("tiny-f32").dir(), ComputeDevice.CPU)) {
            Gpt2Probe.Patterns a = Gpt2Probe.attention(model, PROMPTS);
            assertEquals(2, a.prompts());
            assertEquals(model.config().nLayer(), a.layers());
            assertEquals(model.config().nHead(), a.heads());
            for (int b = 0; b < 2; b++) {
                for (int l = 0; l < a.layers(); l++) {
                    for (int h = 0; h < a.heads(); h++) {
                        assertEquals(1f, a.at(b, l, h, 0, 0), 1e-6f, "the first position can only attend to itself");
                        for (int q = 0; q < a.positions(); q++) {
                            double sum = 0;
                            for (int k = 0; k < a.positions(); k++) {
                                sum += a.at(b, l, h, q, k);
                                if (k > q) {
                                    assertEquals(0f, a.at(b, l, h, q, k), "no attention to the future");
                                }
                            }
                            assertEquals(1.0, sum, 1e-5);
                        }
                    }
                }
            }
        }
    }

    @Test
    void logitsWithoutAblationAreTheModelsLogits() throws Exception {
        try (LanguageModel model = LanguageModel.load(OracleFixture.load("tiny-f32").dir(), ComputeDevice.CPU)) {
            float[][][] batch = Gpt2Probe.allLogits(model, PROMPTS);
            for (int i = 0; i < PROMPTS.size(); i++) {
                float[][] one = model.allLogits(PROMPTS.get(i));
                for (int t = 0; t < one.length; t++) {
                    assertArrayEquals(one[t], batch[i][t], 1e-5f);
                }
            }
        }
    }

    /** Zero-ablating every edge out of a head is the model with that head's rows of W_O set to zero. */
    @Test
    void zeroAblatingAHeadEqualsZeroingItsOutputWeights() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        float[][][] ablated;
        Path edited;
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
            edited = copyWithZeroedHead(fixture.dir(), 0, 1, model.config().dHead());
            List<EdgeId> edges = Gpt2Probe.outgoingEdges(model.graph(), new NodeId.Head(0, 1));
            assertEquals(3 * model.config().nHead() + 1 + 1 + 1, edges.size(), "q/k/v of layer 1's heads, m0, m1, logits");
            ablated = Gpt2Probe.allLogitsWithEdgesAblated(model, PROMPTS, edges, Ablation.ZERO, List.of());
        }
        try (LanguageModel model = LanguageModel.load(edited, ComputeDevice.CPU)) {
            float[][][] expected = Gpt2Probe.allLogits(model, PROMPTS);
            for (int i = 0; i < PROMPTS.size(); i++) {
                for (int t = 0; t < expected[i].length; t++) {
                    assertArrayEquals(expected[i][t], ablated[i][t], 1e-4f, "prompt " + i + " position " + t);
                }
            }
            try (LanguageModel original = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
                double changed = Math.abs(original.allLogits(PROMPTS.get(0))[6][1] - expected[0][6][1]);
                assertTrue(changed > 1e-4, "the head matters at all: " + changed);
            }
        }
    }

    /** With the prompts themselves as the reference, a node's mean output over one prompt is its output: no change. */
    @Test
    void meanAblationOverTheSamePromptChangesNothing() throws Exception {
        try (LanguageModel model = LanguageModel.load(OracleFixture.load("tiny-f32").dir(), ComputeDevice.CPU)) {
            List<int[]> one = List.of(PROMPTS.get(0));
            List<EdgeId> edges = Gpt2Probe.outgoingEdges(model.graph(), new NodeId.Input());
            float[][][] ablated = Gpt2Probe.allLogitsWithEdgesAblated(model, one, edges, Ablation.MEAN, one);
            float[][] plain = model.allLogits(PROMPTS.get(0));
            for (int t = 0; t < plain.length; t++) {
                assertArrayEquals(plain[t], ablated[0][t], 1e-4f);
            }
            assertThrows(IllegalArgumentException.class,
                    () -> Gpt2Probe.allLogitsWithEdgesAblated(model, one, edges, Ablation.MEAN, List.of()), "mean ablation needs a reference");
        }
    }

    private Path copyWithZeroedHead(Path source, int layer, int head, int e) throws IOException {
        Path out = dir.resolve("edited");
        Files.createDirectories(out);
        for (String f : List.of("config.json", "tokenizer.json")) {
            Files.copy(source.resolve(f), out.resolve(f));
        }
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        try (SafetensorsFile st = SafetensorsFile.open(source.resolve("model.safetensors"))) {
            for (String name : st.names()) {
                TensorInfo info = st.info(name).orElseThrow();
                float[] values = st.readFloats(name);
                if (name.endsWith("h." + layer + ".attn.c_proj.weight")) {
                    long[] shape = info.shape();                       // [d, d], rows = z index h·e + i
                    int d = (int) shape[1];
                    for (int r = head * e; r < (head + 1) * e; r++) {
                        java.util.Arrays.fill(values, r * d, (r + 1) * d, 0f);
                    }
                }
                tensors.put(name, TensorData.f32(values, info.shape()));
            }
        }
        SafetensorsWriter.write(out.resolve("model.safetensors"), tensors);
        return out;
    }
}
