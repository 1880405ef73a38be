package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;

/**
 * What the ROC panel draws: EAP's edge curve (null with a {@code problem} to show instead), optionally its node
 * curve, ACDC's curves, exact activation patching's curve over the {@code patchedEdges} it covers (or null), and
 * the current threshold as the curve's point ({@code cursor}) and as the circuit's own position ({@code point}),
 * which {@code pointLabel} names: "threshold", or what chose a circuit shown instead (an ACDC search).
 */
public record RocFigure(RocCurve eap, RocCurve nodes, List<AcdcCurve> acdc, RocCurve patching, int patchedEdges, int cursor,
                        RocPoint point, String pointLabel, String source, String problem) {

    public RocFigure {
        acdc = acdc == null ? List.of() : List.copyOf(acdc);
    }
}
