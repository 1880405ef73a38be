package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;

/**
 * What the ROC panel draws: EAP's edge curve (null with a {@code problem} to show instead), optionally its node
 * curve, ACDC's curves, exact activation patching's curve over the {@code patchedEdges} it covers (or null), and
 * the current threshold as the curve's point ({@code cursor}) and as the circuit's own position ({@code point}),
 * which {@code pointLabel} names: "threshold", or what chose a circuit shown instead (an ACDC search). With more than
 * one score set in the window, {@code eap} is the shown set's curve, named {@code shownName}, and {@code sets} holds
 * every other set's curve against the same truth; with one, {@code shownName} is null and the curve is named by
 * {@code method}, the method that made the shown scores: "EAP-IG (inputs) edges".
 */
public record RocFigure(RocCurve eap, RocCurve nodes, List<AcdcCurve> acdc, RocCurve patching, int patchedEdges, int cursor,
                        RocPoint point, String pointLabel, String source, String problem, List<ScoreSetCurve> sets,
                        String shownName, String method, org.eapexplorer.ui.charts.SeriesStyles styles) {

    public RocFigure {
        method = method == null ? org.eapexplorer.model.AttributionMethod.EAP.label() : method;
        acdc = acdc == null ? List.of() : List.copyOf(acdc);
        sets = sets == null ? List.of() : List.copyOf(sets);
        styles = styles == null ? new org.eapexplorer.ui.charts.SeriesStyles() : styles;
    }

    /** A figure whose curves take styles of their own, in the order they are drawn. */
    public RocFigure(RocCurve eap, RocCurve nodes, List<AcdcCurve> acdc, RocCurve patching, int patchedEdges, int cursor,
                     RocPoint point, String pointLabel, String source, String problem, List<ScoreSetCurve> sets, String shownName) {
        this(eap, nodes, acdc, patching, patchedEdges, cursor, point, pointLabel, source, problem, sets, shownName, null, null);
    }

    /** A figure of the shown scores alone, made by EAP. */
    public RocFigure(RocCurve eap, RocCurve nodes, List<AcdcCurve> acdc, RocCurve patching, int patchedEdges, int cursor,
                     RocPoint point, String pointLabel, String source, String problem) {
        this(eap, nodes, acdc, patching, patchedEdges, cursor, point, pointLabel, source, problem, List.of(), null, null, null);
    }
}
