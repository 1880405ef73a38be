package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
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

class HybridAndRolesTest {

    @Test
    void aCircuitEqualToTheTruthIsAPerfectRocPoint() {
        GraphIndex g = GraphIndex.of(2, 2);
        BitSet truth = new BitSet();
        truth.set(3);
        truth.set(10);
        BitSet direct = new BitSet();
        for (int e : new int[] {3, 10}) {
            if (g.receivers().get(g.receiverOf(e)).qkv() != null) {
                direct.set(g.receiverOf(e));   // the truth's q/k/v receivers' own input edges
            }
        }
        for (RocConvention c : RocConvention.values()) {
            RocCurve curve = EdgeRoc.circuits(g, List.of(truth), new double[] {0.1}, truth, direct, c);
            assertEquals(1.0, curve.auc(), 1e-12, c.name());
        }
        BitSet none = new BitSet();
        RocCurve empty = EdgeRoc.circuits(g, List.of(none), new double[] {1}, truth, direct, RocConvention.AUTO_CIRCUIT);
        assertEquals(0.5, empty.auc(), 1e-12, "only (0,0) and (1,1): the diagonal");
    }

    @Test
    void rolesGroupEdgesByTheirUpstreamHeadsClass() {
        GraphIndex g = GraphIndex.of(2, 2);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = g.edge(e).from().name().equals("a0.h1") ? 2f : g.edge(e).from().name().equals("a1.h0") ? -1f : 0f;
        }
        TruthEdges truth = new TruthEdges("t", new BitSet(), new BitSet(), Map.of("mover", List.of("a1.h0"), "prev", List.of("a0.h1")));
        List<EdgeRoles.Role> roles = EdgeRoles.of(new EdgeScores(g, s), truth, false);
        EdgeRoles.Role mover = roles.stream().filter(r -> r.name().equals("mover")).findFirst().orElseThrow();
        EdgeRoles.Role prev = roles.stream().filter(r -> r.name().equals("prev")).findFirst().orElseThrow();
        assertEquals(2, mover.scores().length, "a1.h0 feeds m1 and logits");
        assertEquals(-1.0, mover.mean(), 0);
        assertEquals(0.0, mover.std(), 0);
        assertEquals(3 * 2 + 3, prev.scores().length, "a0.h1 feeds the 6 q/k/v inputs of layer 1, m0, m1 and logits");
    }

    @Test
    void hybridCellsWithNoRemovalReproduceEapAlone() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            EdgeScores scores = new EapAttributor(model).run(pairs, set.metric(), 7, ProgressListener.NONE, CancellationToken.NEVER).scores();
            ScoreRanking ranking = ScoreRanking.of(scores);
            BitSet truth = ranking.topEdges(10);   // a planted truth: EAP's own top 10
            try (CircuitRunner runner = CircuitRunner.prepare(model, pairs, set.metric())) {
                HybridGrid.Result grid = HybridGrid.run(runner, ranking, new int[] {10, 30}, new double[] {Double.NEGATIVE_INFINITY, 0.05},
                        AcdcScore.KL, truth, ProgressListener.NONE, CancellationToken.NEVER);
                // τ = −∞ removes nothing ACDC tries; it only drops edges into nodes that no longer reach the logits.
                HybridGrid.Cell keepAll = grid.cells()[0][0];
                assertTrue(keepAll.keptEdges() <= 10 && keepAll.keptEdges() > 0);
                assertEquals(keepAll.keptEdges() / 10.0, keepAll.tpr(), 1e-12, "every kept edge is one of EAP's top 10");
                assertEquals(0.0, keepAll.fpr(), 0);
                assertEquals(1.0, grid.eapOnlyTpr()[0], 0);
                assertTrue(grid.cells()[1][0].tpr() <= grid.eapOnlyTpr()[1] && grid.cells()[1][0].fpr() <= grid.eapOnlyFpr()[1]);
                assertTrue(grid.cells()[1][1].keptEdges() <= grid.cells()[1][0].keptEdges());
                assertTrue(grid.best().youdenJ() >= keepAll.youdenJ());
            }
        }
    }
}
