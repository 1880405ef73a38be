package org.eapexplorer.eval;

import java.util.Arrays;
import java.util.BitSet;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.model.EdgeScores;

/**
 * MIB's circuit-localisation metrics (Mueller et al. 2025): faithfulness f(C) = (m(C) − m(∅)) / (m(M) − m(∅)) of the
 * circuit of the top ⌊p × edges⌋ edges, everything else patched to the corrupted run, at MIB's fractions p; CPR, the
 * area under f with edges ranked by signed score; CMD, the area of |1 − f| with edges ranked by |score|.
 *
 * <p>The sign: MIB attributes with its metric as a loss ({@code scripts/run_attribution.py}: {@code partial(output_metric,
 * mean=True, loss=True)}, and {@code metrics.logit_diff} negates the difference when {@code loss}), so its scores are
 * the negatives of ours, which are of the metric m itself (score ≈ m(edge patched) − m(clean): an edge the task needs
 * scores negative). MIB's signed ranking, largest first, is therefore ours most negative first.
 *
 * <p>Matched against cisnlp/MIB-circuit-track {@code MIB_circuit_track/evaluation.py}, {@code
 * evaluate_area_under_curve} (commit 82841993b65f4f69b69ad8286b7b713800ec90f9), and {@code scripts/print_results.py}
 * there: the fractions are {@code (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1)} of
 * {@code len(graph.edges)}, every edge of the graph, and a circuit keeps {@code int(pct * n)} edges (the floor);
 * m(M) is the full model's metric and m(∅) that of the empty graph ({@code apply_topn(0)}), with patching
 * ablation the clean and corrupted runs here. The areas are trapezoids between consecutive fractions on a linear x
 * axis of the raw fractions (log_scale defaults to false; no point at 0, no rescaling: x spans 0.001..1, so f ≡ 1
 * gives CPR 0.999); {@code area_under} sums (x₂ − x₁)(f₁ + f₂)/2 and {@code area_from_1} sums
 * (x₂ − x₁)(|1 − f₁| + |1 − f₂|)/2. print_results reads CPR from the {@code abs-False} (signed) run and CMD from
 * the {@code abs-True} (absolute) one. MIB prunes each circuit ({@code apply_topn(…, prune=True)}); under patching
 * that changes nothing, since a node none of whose inputs are kept already outputs its corrupted value and edges into
 * a node nothing reads carry no effect, so the circuits here are not pruned.
 */
public final class MibCircuitMetrics {

    /** The fractions of all edges MIB keeps, 0.1 % to 100 %. */
    public static final double[] FRACTIONS = {0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1};

    private MibCircuitMetrics() {
    }

    /** ⌊p × edges⌋ for each of MIB's fractions p, as MIB's {@code int(pct * n)} (the same double product). */
    public static int[] edgeCounts(int edges) {
        int[] counts = new int[FRACTIONS.length];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = (int) (FRACTIONS[i] * edges);
        }
        return counts;
    }

    /** CPR's area: the trapezoid rule for f over x. */
    public static double areaUnder(double[] x, double[] f) {
        double area = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            area += (x[i + 1] - x[i]) * (f[i] + f[i + 1]) / 2;
        }
        return area;
    }

    /** CMD's area: the trapezoid rule for |1 − f| over x. */
    public static double areaFromOne(double[] x, double[] f) {
        double area = 0;
        for (int i = 0; i + 1 < x.length; i++) {
            area += (x[i + 1] - x[i]) * (Math.abs(1 - f[i]) + Math.abs(1 - f[i + 1])) / 2;
        }
        return area;
    }

    /** The {@code count} edges with the most negative scores (MIB's largest), ties by edge index, unscored (NaN) edges last. */
    public static BitSet topSigned(EdgeScores scores, int count) {
        return ScoreRanking.topOf(signedOrder(scores), count);
    }

    /** Faithfulness at MIB's fractions with edges ranked by signed score, and its area under f (CPR). */
    public static MibCurve cpr(CircuitRunner runner, EdgeScores scores, ProgressListener progress, CancellationToken cancel) {
        int[] order = signedOrder(scores);
        FaithfulnessCurve curve = Faithfulness.curve(runner, k -> ScoreRanking.topOf(order, k), edgeCounts(scores.graph().edgeCount()), progress, cancel);
        return new MibCurve("signed", FRACTIONS.clone(), curve, areaUnder(FRACTIONS, normalized(curve)));
    }

    /** Faithfulness at MIB's fractions with edges ranked by |score|, and its area from 1 (CMD). */
    public static MibCurve cmd(CircuitRunner runner, ScoreRanking ranking, ProgressListener progress, CancellationToken cancel) {
        FaithfulnessCurve curve = Faithfulness.curve(runner, ranking, edgeCounts(ranking.size()), progress, cancel);
        return new MibCurve("absolute", FRACTIONS.clone(), curve, areaFromOne(FRACTIONS, normalized(curve)));
    }

    static double[] normalized(FaithfulnessCurve curve) {
        double[] f = new double[curve.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = curve.normalized(i);
        }
        return f;
    }

    private static int[] signedOrder(EdgeScores scores) {
        float[] s = scores.scores();
        Integer[] edges = new Integer[s.length];
        for (int e = 0; e < s.length; e++) {
            edges[e] = e;
        }
        Arrays.sort(edges, (a, b) -> {
            boolean nanA = Float.isNaN(s[a]);
            boolean nanB = Float.isNaN(s[b]);
            if (nanA != nanB) {
                return nanA ? 1 : -1;
            }
            int bySign = nanA ? 0 : Float.compare(s[a], s[b]);   // ascending: MIB's −score descending
            return bySign != 0 ? bySign : Integer.compare(a, b);
        });
        return Arrays.stream(edges).mapToInt(Integer::intValue).toArray();
    }
}
