package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Patching reads its metric from the answer and distractor logits alone (or gathers them from the softmax); it must
 * give the dense {@link TaskMetric}'s values for every metric, with several answers and distractors, a token that is
 * both, and stacked copies of the pairs.
 */
class MetricReadoutTest {

    @ParameterizedTest
    @EnumSource(MetricKind.class)
    void readsTheSameMetricAsTheDenseWeights(MetricKind kind) throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); NDManager m = model.manager().newSubManager()) {
            int vocab = model.config().vocabSize();
            int d = model.config().dModel();
            int[] tokens = {1, 2};
            List<TokenizedPair> pairs = new ArrayList<>();
            pairs.add(new TokenizedPair(tokens, tokens, new int[] {3}, new int[] {5}));
            pairs.add(new TokenizedPair(tokens, tokens, new int[] {7, 4}, new int[] {9, 2, vocab - 1}));
            pairs.add(new TokenizedPair(tokens, tokens, new int[] {6, 6}, new int[] {6, 0}));   // repeated, and both answer and distractor
            int copies = 3;
            Random random = new Random(14);
            float[] values = new float[copies * pairs.size() * d];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * 2);
            }
            NDArray normed = OwnedArrays.owned(m.create(values, new Shape((long) copies * pairs.size(), d)));
            double[] read = new MetricReadout(m, model.weights(), kind, pairs).perPrompt(normed, copies);
            List<TokenizedPair> rows = Collections.nCopies(copies, pairs).stream().flatMap(List::stream).toList();
            float[] dense = TaskMetric.perPrompt(m, model.weights().logits(normed), kind, rows, vocab).toFloatArray();
            assertEquals(dense.length, read.length);
            for (int i = 0; i < dense.length; i++) {
                assertEquals(dense[i], read[i], 1e-5 * Math.max(1, Math.abs(dense[i])), kind + " row " + i);
            }
        }
    }
}
