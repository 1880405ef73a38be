package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.ui.charts.Histogram;
import org.eapexplorer.ui.charts.HistogramPainter;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * The paper's Figure 10: one log-count histogram per edge role (the class of the edge's upstream head), with
 * the role's mean and standard deviation, as small multiples; each panel keeps its own score range.
 */
public final class RolesPainter {

    private RolesPainter() {
    }

    /** Each role's scores as one histogram series, named after the role. */
    public static Histogram histogramOf(EdgeRoles.Role role) {
        return Histogram.split(role.scores(), null, role.name().replace('_', ' '), null, 41);
    }

    public static void paint(GraphCanvas c, List<EdgeRoles.Role> roles, double threshold, String problem, double width, double height) {
        paint(new LabelLayout(c), roles, threshold, problem, width, height);
    }

    public static void paint(LabelLayout l, List<EdgeRoles.Role> roles, double threshold, String problem, double width, double height) {
        l.canvas().fillRect(0, 0, width, height, PlotFrame.BACKGROUND);
        if (roles == null || roles.isEmpty()) {
            l.text(width / 2, height / 2, problem == null ? "No edge roles" : problem, 13, Anchor.MIDDLE, PlotFrame.MUTED, LabelLayout.Kind.LABEL);
            return;
        }
        int cols = roles.size() <= 3 ? roles.size() : (int) Math.ceil(Math.sqrt(roles.size() * 1.5));
        int rows = (int) Math.ceil(roles.size() / (double) cols);
        double w = width / cols;
        double h = height / rows;
        for (int i = 0; i < roles.size(); i++) {
            EdgeRoles.Role role = roles.get(i);
            LabelLayout panel = l.shifted((i % cols) * w, (i / cols) * h);
            if (role.scores().length == 0) {
                panel.text(w / 2, h / 2, panel.fit(role.name().replace('_', ' ') + ": no edges", 12, w - 8), 12, Anchor.MIDDLE, PlotFrame.MUTED,
                        LabelLayout.Kind.LABEL);
                continue;
            }
            HistogramPainter.paint(panel, histogramOf(role), threshold, w - 6, h - 6);
        }
    }
}
