package org.eapexplorer.eval;

import java.util.BitSet;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;

/** Faithfulness of EAP's circuits as the number of kept edges grows: one circuit forward pass per point. */
public final class Faithfulness {

    private Faithfulness() {
    }

    /** k = 0, then roughly log-spaced up to every scored edge, {@code points} values in all (fewer for small graphs). */
    public static int[] logSpacedCounts(int edges, int points) {
        TreeSet<Integer> counts = new TreeSet<>();
        counts.add(0);
        counts.add(edges);
        for (int i = 0; i < points - 1; i++) {
            counts.add((int) Math.round(Math.pow(edges, (double) i / (points - 2))));
        }
        return counts.stream().mapToInt(Integer::intValue).filter(k -> k <= edges).toArray();
    }

    public static FaithfulnessCurve curve(CircuitRunner runner, ScoreRanking ranking, int[] edgeCounts, ProgressListener progress,
                                          CancellationToken cancel) {
        return curve(runner, ranking::topEdges, edgeCounts, progress, cancel);
    }

    /** @param topEdges the circuit of the top k edges of some ranking (by |score|, or MIB's signed one) */
    public static FaithfulnessCurve curve(CircuitRunner runner, IntFunction<BitSet> topEdges, int[] edgeCounts, ProgressListener progress,
                                          CancellationToken cancel) {
        double[] metric = new double[edgeCounts.length];
        for (int i = 0; i < edgeCounts.length; i++) {
            cancel.throwIfCancelled();
            progress.progress(i, edgeCounts.length, "faithfulness: circuit of " + edgeCounts[i] + " edges");
            metric[i] = runner.metric(topEdges.apply(edgeCounts[i]));
        }
        progress.progress(edgeCounts.length, edgeCounts.length, "faithfulness done");
        return new FaithfulnessCurve(edgeCounts.clone(), metric, runner.metricClean(), runner.metricCorrupted());
    }
}
