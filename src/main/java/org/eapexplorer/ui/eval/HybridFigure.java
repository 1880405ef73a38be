package org.eapexplorer.ui.eval;

import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocCurve;

/**
 * A finished EAP→ACDC hybrid grid with what it was scored against: the truth's name and EAP's own ROC curve on
 * the same counting (residual edges, auto-circuit's convention), which Figure 5 draws the cells over.
 */
public record HybridFigure(HybridGrid.Result grid, AcdcScore score, RocCurve eapRoc, String truthSource) {
}
