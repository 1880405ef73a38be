package org.eapexplorer.ui.eval;

import java.util.BitSet;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.model.EdgeScores;

/**
 * A finished EAP→ACDC hybrid grid with what it was scored against: the truth's name and edges, and EAP's own ROC
 * curve on the same counting (residual edges, auto-circuit's convention), which Figure 5 draws the cells over.
 */
public record HybridFigure(HybridGrid.Result grid, AcdcScore score, RocCurve eapRoc, String truthSource, BitSet truth) {

    /** A grid scored against {@code truth}, with EAP's curve from {@code scores} as a run draws it (a saved grid reopening). */
    public static HybridFigure of(EdgeScores scores, HybridGrid.Result grid, AcdcScore score, String truthSource, BitSet truth) {
        return new HybridFigure(grid, score, eapRoc(scores, truth), truthSource, (BitSet) truth.clone());
    }

    /** EAP's ROC curve on the grid's counting. */
    private static RocCurve eapRoc(EdgeScores scores, BitSet truth) {
        return EdgeRoc.edges(scores, truth, new BitSet(), RocConvention.AUTO_CIRCUIT);
    }
}
