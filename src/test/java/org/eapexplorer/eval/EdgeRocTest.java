package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Random;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class EdgeRocTest {

    private final GraphIndex g = GraphIndex.of(3, 4);

    private BitSet truthOfEvery(int step) {
        BitSet t = new BitSet();
        for (int e = 0; e < g.edgeCount(); e += step) {
            t.set(e);
        }
        return t;
    }

    @Test
    void scoresThatRankTheTruthFirstGiveExactlyOne() {
        BitSet truth = truthOfEvery(7);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = truth.get(e) ? 10 + e : (e % 2 == 0 ? -1f : 1f) * (float) e / s.length;
        }
        EdgeScores scores = new EdgeScores(g, s);
        assertEquals(1.0, EdgeRoc.edges(scores, truth, new BitSet(), RocConvention.AUTO_CIRCUIT).auc(), 0);
    }

    @Test
    void constantScoresGiveOneHalfByTrapezoidAndZeroPessimistically() {
        EdgeScores scores = new EdgeScores(g, filled(0.3f));
        BitSet truth = truthOfEvery(5);
        RocCurve trapezoid = EdgeRoc.edges(scores, truth, new BitSet(), RocConvention.AUTO_CIRCUIT);
        assertEquals(0.5, trapezoid.auc(), 0);
        assertEquals(2, trapezoid.size(), "(0,0) and everything at once");
        RocCurve acdc = EdgeRoc.edges(scores, truth, new BitSet(), RocConvention.ACDC);
        assertEquals(0.0, acdc.auc(), 0, "a single jump at FPR 1 has no area under ACDC's stepwise rule");
    }

    @Test
    void reversedRankingGivesZero() {
        BitSet truth = truthOfEvery(3);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = truth.get(e) ? 0.001f * (e + 1) : 100 + e;
        }
        assertEquals(0.0, EdgeRoc.edges(new EdgeScores(g, s), truth, new BitSet(), RocConvention.AUTO_CIRCUIT).auc(), 1e-12);
    }

    /** The trapezoid AUC is the Mann–Whitney statistic: P(|s_true| > |s_false|) + ½ P(tie). */
    @Test
    void trapezoidAreaEqualsTheMannWhitneyStatistic() {
        Random random = new Random(3);
        float[] s = new float[g.edgeCount()];
        BitSet truth = new BitSet();
        for (int e = 0; e < s.length; e++) {
            boolean isTrue = random.nextInt(6) == 0;
            if (isTrue) {
                truth.set(e);
            }
            s[e] = (float) Math.round((random.nextGaussian() + (isTrue ? 1.2 : 0)) * 4) / 4;  // coarse: many ties
        }
        double wins = 0;
        long pairs = 0;
        for (int a = truth.nextSetBit(0); a >= 0; a = truth.nextSetBit(a + 1)) {
            for (int b = 0; b < s.length; b++) {
                if (!truth.get(b)) {
                    pairs++;
                    float x = Math.abs(s[a]);
                    float y = Math.abs(s[b]);
                    wins += x > y ? 1 : x == y ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, EdgeRoc.edges(new EdgeScores(g, s), truth, new BitSet(), RocConvention.AUTO_CIRCUIT).auc(), 1e-12);
    }

    @Test
    void acdcCountsTheQkvInputEdgesOfReachedReceivers() {
        // Truth: one edge into a1.h0<q>, plus that receiver's input→q edge. Everything else false.
        int e = g.edgeIndex("input->a1.h0<q>").getAsInt();
        BitSet truth = new BitSet();
        truth.set(e);
        BitSet direct = new BitSet();
        direct.set(g.receiverOf(e));
        float[] s = new float[g.edgeCount()];
        s[e] = 5;
        RocCurve curve = EdgeRoc.edges(new EdgeScores(g, s), truth, direct, RocConvention.ACDC);
        assertEquals(2, curve.positives());
        assertEquals(g.edgeCount() + 3 * 4 * 3 - 2, curve.negatives());
        assertEquals(1.0, curve.tpr()[0], 0, "the edge and its receiver's input edge are both recovered at the first threshold");
        assertEquals(0.0, curve.fpr()[0], 0);
        assertEquals(1, curve.size(), "(0,0) and (1,1) are dominated by (0,1)");
        assertEquals(1.0, curve.auc(), 0);
    }

    @Test
    void nodesAreRecoveredThroughAnyOfTheirEdges() {
        // True circuit a0.h1 -> a2.h3<k> -> logits: nodes a0.h1 and a2.h3.
        BitSet truth = new BitSet();
        truth.set(g.edgeIndex("a0.h1->a2.h3<k>").getAsInt());
        truth.set(g.edgeIndex("a2.h3->logits").getAsInt());
        float[] s = new float[g.edgeCount()];
        s[g.edgeIndex("input->a2.h3<q>").getAsInt()] = 3;   // touches a2.h3 only
        s[g.edgeIndex("a0.h1->m0").getAsInt()] = 2;         // touches a0.h1 and m0 (false)
        RocCurve curve = EdgeRoc.nodes(new EdgeScores(g, s), truth, RocConvention.AUTO_CIRCUIT);
        assertEquals(2, curve.positives());
        assertEquals(15 - 2, curve.negatives());
        assertEquals(0.5, curve.tpr()[1], 0);
        assertEquals(0.0, curve.fpr()[1], 0);
        assertEquals(1.0, curve.tpr()[2], 0);
        assertEquals(1.0 / 13, curve.fpr()[2], 1e-15);
    }

    private float[] filled(float v) {
        float[] s = new float[g.edgeCount()];
        java.util.Arrays.fill(s, v);
        return s;
    }
}
