package org.eapexplorer.ui.eval;

import java.util.Locale;
import org.eapexplorer.eval.FaithfulnessCurve;

/**
 * The faithfulness curve read at the current threshold's edge count {@code edges}: the computed value where that
 * count is one of the curve's points, else the value on the drawn line between the two computed counts around it
 * (linear in x = log₁₀(1 + k), as the line is drawn), said to be interpolated.
 *
 * @param lowerK the computed count at or below {@code edges}
 * @param upperK the computed count above it (equal to {@code lowerK} when {@code exact} or past the last point)
 */
public record FaithfulnessReading(int edges, double normalized, boolean exact, int lowerK, int upperK) {

    public static FaithfulnessReading at(FaithfulnessCurve f, int edges) {
        int lo = f.pointAtOrBelow(edges);
        int[] k = f.edgeCounts();
        if (k[lo] == edges || lo == f.size() - 1 || edges < k[lo]) {
            return new FaithfulnessReading(edges, f.normalized(lo), k[lo] == edges, k[lo], k[lo]);
        }
        int hi = lo + 1;
        double x = FaithfulnessPainter.logX(edges);
        double x0 = FaithfulnessPainter.logX(k[lo]);
        double x1 = FaithfulnessPainter.logX(k[hi]);
        double t = (x - x0) / (x1 - x0);
        return new FaithfulnessReading(edges, f.normalized(lo) + t * (f.normalized(hi) - f.normalized(lo)), false, k[lo], k[hi]);
    }

    /** "36 edges: 0.812", or "36 edges: ≈ 0.830 (between computed k = 29 and 45)". */
    public String describe() {
        if (exact) {
            return String.format(Locale.ROOT, "%d edges: %.3f", edges, normalized);
        }
        if (lowerK == upperK) {
            return String.format(Locale.ROOT, "%d edges: not computed (nearest computed k = %d: %.3f)", edges, lowerK, normalized);
        }
        return String.format(Locale.ROOT, "%d edges: ≈ %.3f (interpolated between computed k = %d and %d)", edges, normalized,
                lowerK, upperK);
    }
}
