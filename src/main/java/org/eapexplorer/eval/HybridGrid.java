package org.eapexplorer.eval;

import java.util.BitSet;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.model.GraphIndex;

/**
 * The paper's Figure 5 / Figure 8: ACDC run on the edges EAP keeps, over a grid of EAP sizes (top-k) and
 * ACDC thresholds τ, each cell scored against a ground truth by TPR, FPR and Youden's J = TPR − FPR
 * (residual edges, auto-circuit's counting).
 */
public final class HybridGrid {

    /** One cell; {@code edges} is the circuit ACDC kept (null where a file recorded only its size). */
    public record Cell(int eapEdges, double tau, int keptEdges, double tpr, double fpr, int forwardPasses, BitSet edges) {
        public Cell {
            edges = edges == null ? null : (BitSet) edges.clone();
        }

        @Override
        public BitSet edges() {
            return edges == null ? null : (BitSet) edges.clone();
        }

        public double youdenJ() {
            return tpr - fpr;
        }
    }

    /** The grid, [eap size][τ], and the EAP-only point of each row for comparison. */
    public record Result(int[] eapEdges, double[] taus, Cell[][] cells, double[] eapOnlyTpr, double[] eapOnlyFpr) {
        public Cell best() {
            Cell best = null;
            for (Cell[] row : cells) {
                for (Cell c : row) {
                    if (best == null || c.youdenJ() > best.youdenJ()) {
                        best = c;
                    }
                }
            }
            return best;
        }
    }

    private HybridGrid() {
    }

    public static Result run(CircuitRunner runner, ScoreRanking eap, int[] eapEdges, double[] taus, AcdcScore score, BitSet truth,
                             ProgressListener progress, CancellationToken cancel) {
        GraphIndex g = eap.graph();
        int negatives = g.edgeCount() - truth.cardinality();
        Cell[][] cells = new Cell[eapEdges.length][taus.length];
        double[] eapTpr = new double[eapEdges.length];
        double[] eapFpr = new double[eapEdges.length];
        int done = 0;
        for (int i = 0; i < eapEdges.length; i++) {
            BitSet start = eap.topEdges(eapEdges[i]);
            eapTpr[i] = rate(start, truth, truth.cardinality());
            eapFpr[i] = (start.cardinality() - overlap(start, truth)) / (double) negatives;
            for (int j = 0; j < taus.length; j++) {
                cancel.throwIfCancelled();
                progress.progress(done++, (long) eapEdges.length * taus.length,
                        String.format("hybrid: ACDC τ=%s on EAP's top %d edges", AcdcSweep.plain(taus[j]), eapEdges[i]));
                AcdcResult r = Acdc.run(runner, g, score, taus[j], start, ProgressListener.NONE, cancel);
                BitSet kept = r.kept();
                cells[i][j] = new Cell(eapEdges[i], taus[j], kept.cardinality(), rate(kept, truth, truth.cardinality()),
                        (kept.cardinality() - overlap(kept, truth)) / (double) negatives, r.forwardPasses(), kept);
            }
        }
        progress.progress(done, done, "hybrid grid done");
        return new Result(eapEdges.clone(), taus.clone(), cells, eapTpr, eapFpr);
    }

    private static int overlap(BitSet a, BitSet b) {
        BitSet c = (BitSet) a.clone();
        c.and(b);
        return c.cardinality();
    }

    private static double rate(BitSet kept, BitSet truth, int positives) {
        return overlap(kept, truth) / (double) positives;
    }
}
