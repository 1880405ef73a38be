package org.eapexplorer.eval;

/**
 * The metric of the model with only the top-k edges intact (everything else patched to the corrupted run),
 * for several k.
 *
 * @param edgeCounts   k at each point, ascending
 * @param metric       the mean metric of the circuit of the top-k edges
 * @param metricFull   the full model's (clean run's) metric
 * @param metricEmpty  the empty circuit's metric, i.e. the corrupted run's
 */
public record FaithfulnessCurve(int[] edgeCounts, double[] metric, double metricFull, double metricEmpty) {

    /** metric(circuit) / metric(full model): the fraction the issue and ACDC report. */
    public double fraction(int i) {
        return metric[i] / metricFull;
    }

    /** (metric(circuit) − metric(∅)) / (metric(full) − metric(∅)): EAP-IG's normalised faithfulness, 0 for nothing, 1 for all. */
    public double normalized(int i) {
        return (metric[i] - metricEmpty) / (metricFull - metricEmpty);
    }

    public int size() {
        return edgeCounts.length;
    }

    /** Index of the point with the largest k not above {@code edges}: where a circuit of that size sits on the curve. */
    public int pointAtOrBelow(int edges) {
        int best = 0;
        for (int i = 0; i < edgeCounts.length; i++) {
            if (edgeCounts[i] <= edges) {
                best = i;
            }
        }
        return best;
    }
}
