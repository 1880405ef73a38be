package org.eapexplorer.ui.session;

import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;

/**
 * Everything needed to reopen a window as it was without recomputing: the run's inputs and scores, the
 * threshold setting, pruning and the selected edge (-1 for none).
 */
public record Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected,
                      int selectedEdge) {
}
