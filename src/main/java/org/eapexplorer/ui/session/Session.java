package org.eapexplorer.ui.session;

import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;

/**
 * Everything needed to reopen a window as it was without recomputing: the run's inputs and scores, the
 * threshold setting, pruning, the selected edge (-1 for none) and what the evaluation tabs computed.
 */
public record Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected,
                      int selectedEdge, Evaluation evaluation) {

    public Session {
        evaluation = evaluation == null ? Evaluation.NONE : evaluation;
    }

    /** A session without evaluation results. */
    public Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected, int selectedEdge) {
        this(result, device, threshold, hideUnconnected, selectedEdge, Evaluation.NONE);
    }
}
