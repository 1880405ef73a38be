package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

class FaithfulnessTest {

    @Test
    void logSpacedCountsRunFromNothingToEverything() {
        // 75^(i/9) for i = 0..9, rounded, after 0: geometric steps of about 1.6.
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 7, 11, 18, 29, 46, 75}, Faithfulness.logSpacedCounts(75, 11));
        assertArrayEquals(new int[] {0, 1, 2, 3}, Faithfulness.logSpacedCounts(3, 20));
    }

    @Test
    void curveRunsFromTheCorruptedToTheCleanMetric() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            EdgeScores scores = new EapAttributor(model).run(pairs, set.metric(), 4, ProgressListener.NONE, CancellationToken.NEVER).scores();
            try (CircuitRunner runner = CircuitRunner.prepare(model, pairs, set.metric())) {
                ScoreRanking ranking = ScoreRanking.of(scores);
                FaithfulnessCurve curve = Faithfulness.curve(runner, ranking, Faithfulness.logSpacedCounts(75, 8), ProgressListener.NONE,
                        CancellationToken.NEVER);
                assertEquals(0.0, curve.normalized(0), 1e-5);
                assertEquals(1.0, curve.normalized(curve.size() - 1), 1e-5);
                assertEquals(fixture.number("metric_clean"), curve.metricFull(), 1e-4);
                assertEquals(fixture.number("metric_corrupted"), curve.metricEmpty(), 1e-4);
                int mid = curve.size() / 2;
                assertEquals(runner.metric(ranking.topEdges(curve.edgeCounts()[mid])), curve.metric()[mid], 0);
            }
        }
    }
}
