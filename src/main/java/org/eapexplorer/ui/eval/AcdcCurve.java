package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;

/**
 * ACDC's circuits at several τ against the reference circuit: the ROC curve through them (Pareto points, the
 * convention's area) and each τ's own point, which may lie under the curve.
 */
public record AcdcCurve(AcdcSweep sweep, RocCurve curve, List<RocPoint> points) {

    public AcdcCurve {
        points = List.copyOf(points);
    }

    /** "ACDC (KL)" or "ACDC (task metric)", as the paper's legends name them. */
    public String label() {
        return label(sweep.score());
    }

    static String label(AcdcScore score) {
        return score == AcdcScore.KL ? "ACDC (KL)" : "ACDC (task metric)";
    }
}
