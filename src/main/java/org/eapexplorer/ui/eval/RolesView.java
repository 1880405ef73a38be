package org.eapexplorer.ui.eval;

import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.patching.ChartCanvas;
import org.eapexplorer.ui.patching.CurveView;

/**
 * Scores split by edge role (Figure 10), from the head classes of the ROC tab's reference circuit; the ±T lines
 * follow the threshold. Cheap (one pass over the edges), so it is recomputed on the FX thread.
 */
public final class RolesView extends BorderPane {

    private final ReadOnlyObjectWrapper<List<EdgeRoles.Role>> roles = new ReadOnlyObjectWrapper<>(this, "roles", List.of());
    private final CheckBox inTruthOnly = new CheckBox("only edges in the reference circuit");

    public RolesView(AppState state, CircuitViewModel circuits, EvalViewModel eval, Supplier<Window> owner, ErrorReporter errors) {
        setId("rolesView");
        ChartCanvas chart = new ChartCanvas((c, w, h) -> RolesPainter.paint(c, roles.get(), circuits.absThreshold(), problem(state, eval), w, h));
        Runnable update = () -> {
            roles.set(rolesOf(state.result(), eval.truth(), inTruthOnly.isSelected()));
            chart.invalidate();
        };
        state.resultProperty().addListener((obs, old, r) -> update.run());
        eval.truthProperty().addListener((obs, old, t) -> update.run());
        inTruthOnly.selectedProperty().addListener(o -> update.run());
        circuits.circuitProperty().addListener(o -> chart.invalidate());
        inTruthOnly.setId("rolesInTruthBox");
        Button export = new org.eapexplorer.ui.export.ExportFigureButton("Export edge roles", "roles", state, owner, errors,
                (out, spec) -> eval.exportRoles(out, spec, roles.get()));
        setTop(new ToolbarRow("edges grouped by the class of their upstream node (the reference circuit's head classes)",
                inTruthOnly, export));
        setCenter(chart);
        update.run();
    }

    /** The roles drawn: one per head class of the reference circuit (empty without one). */
    public ReadOnlyObjectProperty<List<EdgeRoles.Role>> rolesProperty() {
        return roles.getReadOnlyProperty();
    }

    public CheckBox inTruthOnlyBox() {
        return inTruthOnly;
    }

    static List<EdgeRoles.Role> rolesOf(AnalysisResult r, TruthEdges t, boolean inTruthOnly) {
        if (r == null || t == null || t.headClasses().isEmpty()) {
            return List.of();
        }
        return EdgeRoles.of(r.scores(), t, inTruthOnly);
    }

    private static String problem(AppState state, EvalViewModel eval) {
        if (state.result() == null) {
            return "Run EAP first.";
        }
        if (eval.truth() == null) {
            return "Edge roles come from a reference circuit's head classes: load one in the ROC tab.";
        }
        return "The reference circuit " + eval.truth().source() + " names no head classes.";
    }
}
