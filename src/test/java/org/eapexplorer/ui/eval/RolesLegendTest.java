package org.eapexplorer.ui.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.ui.RecordingCanvas;
import org.junit.jupiter.api.Test;

/**
 * Issue 26, item 12: every panel of the Edge roles tab gives its role's mean and standard deviation, also where the
 * one-row legend is too narrow for them (the window showed them for one of its three panels).
 */
class RolesLegendTest {

    private static EdgeRoles.Role role(String name, int n, double scale) {
        float[] v = new float[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * Math.sin(i * 1.7 + 0.3));
            sum += v[i];
        }
        double mean = sum / n;
        double sq = 0;
        for (float x : v) {
            sq += (x - mean) * (x - mean);
        }
        return new EdgeRoles.Role(name, v, mean, Math.sqrt(sq / n));
    }

    @Test
    void eachOfThreePanelsSaysItsMeanAndStd() {
        List<EdgeRoles.Role> roles = List.of(role("previous_token", 1234, 3.1e-4), role("induction", 96, 0.0123),
                role("duplicate_token", 15, 2.4e-5));
        for (double width : new double[] {1100, 970, 760}) {
            RecordingCanvas c = new RecordingCanvas();
            RolesPainter.paint(c, roles, Double.NaN, null, width, 420);
            long withStats = c.texts.stream().filter(t -> t.text().contains("std") || t.text().contains("σ")).count();
            assertEquals(roles.size(), withStats, "at width " + width + ": " + c.texts.stream().map(RecordingCanvas.Text::text).toList());
        }
    }
}
