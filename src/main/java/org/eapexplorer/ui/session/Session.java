package org.eapexplorer.ui.session;

import java.util.List;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.Threshold;

/**
 * Everything needed to reopen a window as it was without recomputing: the run's inputs and scores, the
 * threshold setting, pruning, the selected edge (-1 for none), what the evaluation tabs computed, every score set of
 * the window (the shown result among them; just that one for a session of one result) and the Compare tab's choices.
 */
public record Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected,
                      int selectedEdge, Evaluation evaluation, List<ScoreSet> scoreSets, CompareChoice compare) {

    public Session {
        evaluation = evaluation == null ? Evaluation.NONE : evaluation;
        scoreSets = scoreSets == null || scoreSets.isEmpty() ? List.of(new ScoreSet(ScoreSet.nameOf(result), result))
                : List.copyOf(scoreSets);
        if (scoreSets.stream().noneMatch(s -> s.result() == result)) {
            throw new IllegalArgumentException("the shown result must be one of the session's score sets");
        }
        compare = compare == null ? CompareChoice.NONE : compare;
    }

    /** A session of one score set, with its evaluation results. */
    public Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected, int selectedEdge,
                   Evaluation evaluation) {
        this(result, device, threshold, hideUnconnected, selectedEdge, evaluation, null, null);
    }

    /** A session without evaluation results. */
    public Session(AnalysisResult result, ComputeDevice device, Threshold threshold, boolean hideUnconnected, int selectedEdge) {
        this(result, device, threshold, hideUnconnected, selectedEdge, Evaluation.NONE);
    }

    /**
     * The Compare tab's choices: sets A and B by name (null: none chosen) and whether the graph is coloured by B − A.
     */
    public record CompareChoice(String a, String b, boolean colourByDifference) {
        public static final CompareChoice NONE = new CompareChoice(null, null, false);
    }
}
