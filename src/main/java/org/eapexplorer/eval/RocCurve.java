package org.eapexplorer.eval;

/**
 * A ROC curve of a scored graph against a ground truth.
 *
 * @param thresholds |score| threshold of each point (edges with |score| ≥ threshold kept); +∞ for (0, 0)
 * @param keptEdges  number of graph edges kept at each point
 */
public record RocCurve(RocConvention convention, double[] fpr, double[] tpr, double[] thresholds, int[] keptEdges,
                       double auc, int positives, int negatives) {

    public int size() {
        return fpr.length;
    }

    /** Index of the last point whose threshold is ≥ t: where a circuit cut at |score| ≥ t sits on the curve. */
    public int pointAt(double threshold) {
        int best = 0;
        for (int i = 0; i < thresholds.length; i++) {
            if (thresholds[i] >= threshold) {
                best = i;
            }
        }
        return best;
    }
}
