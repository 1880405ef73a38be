package org.eapexplorer.ui.session;

import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.MibMetrics;
import org.eapexplorer.ui.eval.NamedCircuit;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchScatter;

/**
 * What the evaluation tabs computed from a session's scores, so that reopening it shows them without recomputing.
 * Parts not computed are null (lists empty).
 *
 * @param truth      the ROC panel's reference circuit
 * @param truthFile  the file it was read from (null when it came with the scores alone); the truth itself is kept
 *                   whole, so a session opens after the file moved
 * @param convention the ROC panel's counting convention
 * @param shown      a circuit drawn instead of the threshold's (an ACDC τ or a hybrid cell), or null
 * @param mib        MIB's CPR and CMD, or null
 */
public record Evaluation(TruthEdges truth, Path truthFile, RocConvention convention, List<AcdcSweep> acdc,
                         FaithfulnessCurve faithfulness, PatchScatter scatter, List<LambdaCurve> lambdaCurves, HybridFigure hybrid,
                         NamedCircuit shown, MibMetrics mib) {

    /** A session without evaluation results (every version-1 file). */
    public static final Evaluation NONE = new Evaluation(null, null, null, List.of(), null, null, List.of(), null, null, null);

    /** Without MIB's metrics. */
    public Evaluation(TruthEdges truth, Path truthFile, RocConvention convention, List<AcdcSweep> acdc,
                      FaithfulnessCurve faithfulness, PatchScatter scatter, List<LambdaCurve> lambdaCurves, HybridFigure hybrid,
                      NamedCircuit shown) {
        this(truth, truthFile, convention, acdc, faithfulness, scatter, lambdaCurves, hybrid, shown, null);
    }

    public Evaluation {
        acdc = acdc == null ? List.of() : List.copyOf(acdc);
        lambdaCurves = lambdaCurves == null ? List.of() : List.copyOf(lambdaCurves);
    }
}
