package org.eapexplorer.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;

/**
 * The paper's Figure 10: the scores of edges grouped by the role of their upstream head (name mover,
 * S-inhibition, induction, …), from a ground truth's head classes, with mean and standard deviation.
 */
public final class EdgeRoles {

    /** The scores of the edges leaving heads of one class. */
    public record Role(String name, float[] scores, double mean, double std) {
    }

    private EdgeRoles() {
    }

    /** One role per head class, in the truth's order; only edges that are in the truth when {@code inTruthOnly}. */
    public static List<Role> of(EdgeScores scores, TruthEdges truth, boolean inTruthOnly) {
        GraphIndex g = scores.graph();
        Map<String, String> roleOfHead = new LinkedHashMap<>();
        truth.headClasses().forEach((role, heads) -> heads.forEach(h -> roleOfHead.putIfAbsent(h, role)));
        Map<String, List<Float>> byRole = new LinkedHashMap<>();
        truth.headClasses().keySet().forEach(role -> byRole.put(role, new ArrayList<>()));
        for (int e = 0; e < g.edgeCount(); e++) {
            NodeId from = g.edge(e).from();
            String role = roleOfHead.get(from.name());  // head classes may name MLPs too (the built-in model's m0)
            float s = scores.score(e);
            if (role != null && !Float.isNaN(s) && (!inTruthOnly || truth.edges().get(e))) {
                byRole.get(role).add(s);
            }
        }
        List<Role> out = new ArrayList<>();
        byRole.forEach((role, values) -> {
            float[] v = new float[values.size()];
            double sum = 0;
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
                sum += v[i];
            }
            double mean = v.length == 0 ? Double.NaN : sum / v.length;
            double sq = 0;
            for (float x : v) {
                sq += (x - mean) * (x - mean);
            }
            out.add(new Role(role, v, mean, v.length == 0 ? Double.NaN : Math.sqrt(sq / v.length)));
        });
        return out;
    }
}
