package org.eapexplorer.eval;

/**
 * Faithfulness at MIB's edge fractions and the area MIB computes from it.
 *
 * @param ranking   {@code signed} (top edges by score, for CPR) or {@code absolute} (by |score|, for CMD)
 * @param fractions the fractions of all edges kept, ascending, {@link MibCircuitMetrics#FRACTIONS}
 * @param curve     the circuit runs, one per fraction ({@code edgeCounts} = ⌊fraction × edges⌋)
 * @param area      CPR (area under f) for the signed ranking, CMD (area of |1 − f|) for the absolute one
 */
public record MibCurve(String ranking, double[] fractions, FaithfulnessCurve curve, double area) {

    /** f(C) = (m(C) − m(∅)) / (m(M) − m(∅)) at point {@code i}. */
    public double faithfulness(int i) {
        return curve.normalized(i);
    }

    public double[] faithfulness() {
        return MibCircuitMetrics.normalized(curve);
    }
}
