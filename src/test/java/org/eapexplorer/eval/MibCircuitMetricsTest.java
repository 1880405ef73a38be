package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
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
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

class MibCircuitMetricsTest {

    private static final double[] X = MibCircuitMetrics.FRACTIONS;

    /** ⌊fraction × edges⌋ of every edge, as MIB's int(pct * n): GPT-2 small's 32,491 edges worked by hand. */
    @Test
    void edgeCountsAreTheFloorOfFractionsOfAllEdges() {
        assertArrayEquals(new double[] {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1}, X);
        assertArrayEquals(new int[] {32, 64, 162, 324, 649, 1624, 3249, 6498, 16245, 32491}, MibCircuitMetrics.edgeCounts(32_491));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 3, 7, 15, 37, 75}, MibCircuitMetrics.edgeCounts(75));
    }

    /** Trapezoids over the raw fractions (x from 0.001 to 1, not log, not rescaled), worked by hand. */
    @Test
    void areasAreTrapezoidsOverTheFractions() {
        double[] one = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEquals(0.999, MibCircuitMetrics.areaUnder(X, one), 1e-12);
        assertEquals(0.0, MibCircuitMetrics.areaFromOne(X, one), 1e-12);

        // Only the full model is faithful: the last trapezoid (width 0.5) has mean height 1/2 under f,
        // the others lie 1 below 1 over 0.499 of x, and the last half-way.
        double[] last = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals(0.25, MibCircuitMetrics.areaUnder(X, last), 1e-12);
        assertEquals(0.499 + 0.25, MibCircuitMetrics.areaFromOne(X, last), 1e-12);

        // Overshooting counts in CMD like falling short: |1 − 2| = 1 everywhere.
        double[] two = {2, 2, 2, 2, 2, 2, 2, 2, 2, 2};
        assertEquals(1.998, MibCircuitMetrics.areaUnder(X, two), 1e-12);
        assertEquals(0.999, MibCircuitMetrics.areaFromOne(X, two), 1e-12);

        // Negative faithfulness lowers the area under f: 0.001·(−1 − 1)/2 + 0.003·(−1 + 0)/2 = −0.0025;
        // from 1: 0.001·(2 + 2)/2 + 0.003·(2 + 1)/2 + 0.995·1 = 1.0015.
        double[] negative = {-1, -1, 0, 0, 0, 0, 0, 0, 0, 0};
        assertEquals(-0.0025, MibCircuitMetrics.areaUnder(X, negative), 1e-12);
        assertEquals(1.0015, MibCircuitMetrics.areaFromOne(X, negative), 1e-12);
    }

    /**
     * CPR's ranking keeps the most negative scores first: MIB ranks EAP-IG's scores of the loss −m from the largest,
     * and ours are of m, so the sign is the other way round (a large positive score ranks last); unscored edges last.
     */
    @Test
    void signedTopEdgesAreTheMostNegativeScores() {
        GraphIndex g = GraphIndex.attentionOnly(1, 1);
        float[] s = new float[g.edgeCount()];
        java.util.Arrays.fill(s, -10f);
        s[0] = 0.5f;
        s[1] = -3f;
        s[2] = 2f;
        s[3] = Float.NaN;
        s[4] = 1f;
        EdgeScores scores = new EdgeScores(g, s);
        assertEquals(bits(0, 1), MibCircuitMetrics.topSigned(scores, 2));
        assertEquals(bits(0, 1, 4), MibCircuitMetrics.topSigned(scores, 3));
        BitSet all = new BitSet();
        all.set(0, s.length);
        assertEquals(all, MibCircuitMetrics.topSigned(scores, s.length));
        BitSet allButNaN = (BitSet) all.clone();
        allButNaN.clear(3);
        assertEquals(allButNaN, MibCircuitMetrics.topSigned(scores, s.length - 1), "the unscored edge comes last");
    }

    /** f at each fraction is the existing circuit run of that many top edges, normalised; the areas are of those f. */
    @Test
    void cprAndCmdComeFromTheCircuitRuns() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            EdgeScores scores = new EapAttributor(model).run(pairs, set.metric(), 4, ProgressListener.NONE, CancellationToken.NEVER).scores();
            try (CircuitRunner runner = CircuitRunner.prepare(model, pairs, set.metric())) {
                ScoreRanking ranking = ScoreRanking.of(scores);
                MibCurve cpr = MibCircuitMetrics.cpr(runner, scores, ProgressListener.NONE, CancellationToken.NEVER);
                MibCurve cmd = MibCircuitMetrics.cmd(runner, ranking, ProgressListener.NONE, CancellationToken.NEVER);
                assertEquals("signed", cpr.ranking());
                assertEquals("absolute", cmd.ranking());
                int[] counts = MibCircuitMetrics.edgeCounts(scores.graph().edgeCount());
                double span = runner.metricClean() - runner.metricCorrupted();
                for (int i = 0; i < X.length; i++) {
                    assertEquals(counts[i], cpr.curve().edgeCounts()[i]);
                    assertEquals(counts[i], cmd.curve().edgeCounts()[i]);
                    double signed = (runner.metric(MibCircuitMetrics.topSigned(scores, counts[i])) - runner.metricCorrupted()) / span;
                    double absolute = (runner.metric(ranking.topEdges(counts[i])) - runner.metricCorrupted()) / span;
                    assertEquals(signed, cpr.faithfulness(i), 1e-9, "signed f at " + X[i]);
                    assertEquals(absolute, cmd.faithfulness(i), 1e-9, "absolute f at " + X[i]);
                }
                assertEquals(1.0, cpr.faithfulness(X.length - 1), 1e-5, "every edge: the full model");
                assertEquals(MibCircuitMetrics.areaUnder(X, cpr.faithfulness()), cpr.area(), 0);
                assertEquals(MibCircuitMetrics.areaFromOne(X, cmd.faithfulness()), cmd.area(), 0);
            }
        }
    }

    private static BitSet bits(int... edges) {
        BitSet b = new BitSet();
        for (int e : edges) {
            b.set(e);
        }
        return b;
    }
}
