package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocCurve;

/** The evaluation tabs' CSV exports: one row per plotted point or score, with a header line. */
final class EvalCsv {

    private EvalCsv() {
    }

    /** One row per curve point: the shown scores' edge curve (named by their method or set), its node curve when shown, patching's, then ACDC's (threshold = τ). */
    static String roc(RocFigure figure) {
        StringBuilder b = new StringBuilder("method,level,convention,fpr,tpr,threshold,kept_edges,auc\n");
        rocRows(b, figure.shownName() == null ? figure.method() : figure.shownName(), "edges", figure.eap());
        if (figure.nodes() != null) {
            rocRows(b, figure.shownName() == null ? figure.method() : figure.shownName(), "nodes", figure.nodes());
        }
        if (figure.patching() != null) {
            rocRows(b, "activation patching", "edges", figure.patching());
        }
        for (AcdcCurve a : figure.acdc()) {
            rocRows(b, a.label(), "edges", a.curve());
        }
        for (ScoreSetCurve set : figure.sets()) {
            rocRows(b, set.name(), "edges", set.curve());
        }
        return b.toString();
    }

    private static void rocRows(StringBuilder b, String method, String level, RocCurve k) {
        for (int i = 0; i < k.size(); i++) {
            b.append(method).append(',').append(level).append(',').append(k.convention().name()).append(',').append(k.fpr()[i])
                    .append(',').append(k.tpr()[i]).append(',').append(k.thresholds()[i]).append(',').append(k.keptEdges()[i])
                    .append(',').append(k.auc()).append('\n');
        }
    }

    /** edges, metric, fraction, normalised: one row per point of the curve. */
    static String faithfulness(FaithfulnessCurve f) {
        StringBuilder b = new StringBuilder("edges,metric,fraction,normalized\n");
        for (int i = 0; i < f.size(); i++) {
            b.append(f.edgeCounts()[i]).append(',').append(f.metric()[i]).append(',').append(f.fraction(i)).append(',')
                    .append(f.normalized(i)).append('\n');
        }
        return b.toString();
    }

    /** role, edges, mean, std, then one row per score. */
    static String roles(List<EdgeRoles.Role> roles) {
        StringBuilder b = new StringBuilder("role,edges,mean,std,score\n");
        for (EdgeRoles.Role role : roles) {
            for (float s : role.scores()) {
                b.append(role.name()).append(',').append(role.scores().length).append(',').append(role.mean()).append(',')
                        .append(role.std()).append(',').append(s).append('\n');
            }
        }
        return b.toString();
    }
}
