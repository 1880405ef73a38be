package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.training.RandomFamilyModel;
import org.eapexplorer.training.RandomFamilyModelWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Half-precision checkpoints are held at 2 bytes a weight and computed in float32 a layer at a time, their gradient
 * passes going down the model one layer's graph at a time. Widening BF16 and F16 to float32 is exact, so such a model
 * must give what its float32 twin (the same values written as F32) gives through the whole-model path: the logits, the
 * metric and every method's scores, up to float32 summation order.
 */
class HalfPrecisionWeightsTest {

    @TempDir
    Path dir;

    private static final List<TokenizedPair> PAIRS = List.of(
            new TokenizedPair(new int[] {5, 9, 12, 7, 30}, new int[] {5, 9, 21, 7, 30}, new int[] {12}, new int[] {21}),
            new TokenizedPair(new int[] {33, 8, 14}, new int[] {33, 8, 16}, new int[] {6}, new int[] {19}));

    @ParameterizedTest
    @CsvSource({"LLAMA, 2, BF16, false", "QWEN2, 1, BF16, true", "GPT_NEOX, 4, F16, false", "LLAMA, 4, F16, true"})
    void aHalfPrecisionModelScoresAsItsFloat32Twin(Family family, int kvHeads, DType dtype, boolean tied) throws Exception {
        Path half = dir.resolve("half");
        Path twin = dir.resolve("f32");
        RandomFamilyModelWriter.write(half, new RandomFamilyModel(family, 3, 4, kvHeads, 32, 48, 40, 64, tied, dtype, 1.0,
                true, 7, RandomFamilyModel.DEFAULT_SHARD_BYTES), null);
        Files.createDirectories(twin);
        try (Stream<Path> files = Files.list(half)) {
            for (Path f : files.toList()) {
                Files.copy(f, twin.resolve(f.getFileName()));
            }
        }
        ModelDirs.editTensors(twin, tensors -> { });   // every tensor rewritten as F32, its values exactly

        try (LanguageModel h = LanguageModel.load(half, ComputeDevice.CPU); LanguageModel f = LanguageModel.load(twin, ComputeDevice.CPU)) {
            assertTrue(h.layerwiseGradients(), "half-precision weights are converted a layer at a time");
            assertFalse(f.layerwiseGradients());
            assertTrue(h.weights().bytes() < 0.55 * f.weights().bytes(),
                    "held at 2 bytes a weight: " + h.weights().bytes() + " against " + f.weights().bytes() + " bytes as F32");

            float[][] lh = h.lastTokenLogits(List.of(PAIRS.get(0).clean(), PAIRS.get(1).clean()));
            float[][] lf = f.lastTokenLogits(List.of(PAIRS.get(0).clean(), PAIRS.get(1).clean()));
            for (int i = 0; i < lh.length; i++) {
                for (int v = 0; v < lh[i].length; v++) {
                    assertEquals(lf[i][v], lh[i][v], 1e-5 * (1 + Math.abs(lf[i][v])), "logit " + v + " of prompt " + i);
                }
            }
            for (MethodSpec method : List.of(MethodSpec.EAP, MethodSpec.of(AttributionMethod.EAP_IG_INPUTS),
                    MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED))) {
                EapKernel.BatchResult rh = EapKernel.run(h, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                EapKernel.BatchResult rf = EapKernel.run(f, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                assertSameScores(rf, rh, method.method().name());
            }
        }
    }

    /** The layer-by-layer gradient pass is exactly the whole-model one: forced on a float32 model, the scores do not move. */
    @Test
    void layerByLayerGradientsEqualTheWholeModelsOnAFloat32Model() throws Exception {
        RandomFamilyModelWriter.write(dir, new RandomFamilyModel(Family.LLAMA, 3, 4, 2, 32, 48, 40, 64, false, DType.F32, 1.0,
                true, 3, RandomFamilyModel.DEFAULT_SHARD_BYTES), null);
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU)) {
            for (MethodSpec method : List.of(MethodSpec.EAP, MethodSpec.of(AttributionMethod.EAP_IG_INPUTS),
                    MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED))) {
                model.forceLayerwiseGradients(false);
                EapKernel.BatchResult whole = EapKernel.run(model, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                model.forceLayerwiseGradients(true);
                EapKernel.BatchResult layerwise = EapKernel.run(model, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                assertSameScores(whole, layerwise, method.method().name());
            }
        }
    }

    /** The same under post-norms (Gemma-2's sandwich blocks; OLMo-2's blocks, which have no input norms and whole-projection q/k norms). */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"tiny-gemma2", "tiny-olmo2"})
    void layerByLayerGradientsEqualTheWholeModelsUnderPostNorms(String fixture) throws Exception {
        try (LanguageModel model = LanguageModel.load(OracleFixture.load(fixture).dir(), ComputeDevice.CPU)) {
            for (MethodSpec method : List.of(MethodSpec.EAP, MethodSpec.of(AttributionMethod.EAP_IG_INPUTS),
                    MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED))) {
                model.forceLayerwiseGradients(false);
                EapKernel.BatchResult whole = EapKernel.run(model, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                model.forceLayerwiseGradients(true);
                EapKernel.BatchResult layerwise = EapKernel.run(model, PAIRS, MetricKind.LOGIT_DIFF, 0.5, method);
                assertSameScores(whole, layerwise, fixture + " " + method.method().name());
            }
        }
    }

    private static void assertSameScores(EapKernel.BatchResult expected, EapKernel.BatchResult actual, String what) {
        double largest = 0;
        for (float s : expected.scores()) {
            largest = Math.max(largest, Math.abs(s));
        }
        assertTrue(largest > 1e-4, what + ": scores that are all zero would check nothing");
        for (int i = 0; i < expected.scores().length; i++) {
            assertEquals(expected.scores()[i], actual.scores()[i], 1e-5 * largest, what + ": edge " + i);
        }
        for (int i = 0; i < expected.metricClean().length; i++) {
            assertEquals(expected.metricClean()[i], actual.metricClean()[i], 1e-5 * (1 + Math.abs(expected.metricClean()[i])), what);
            assertEquals(expected.metricCorrupted()[i], actual.metricCorrupted()[i], 1e-5 * (1 + Math.abs(expected.metricCorrupted()[i])), what);
        }
    }
}
