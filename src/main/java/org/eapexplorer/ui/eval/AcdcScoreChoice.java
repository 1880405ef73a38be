package org.eapexplorer.ui.eval;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;

/** Which score ACDC minimises in the window: KL, the task metric, or both (the paper's Figure 2 draws both). */
public enum AcdcScoreChoice {
    BOTH("KL and task metric", List.of(AcdcScore.KL, AcdcScore.TASK)),
    KL("KL divergence", List.of(AcdcScore.KL)),
    TASK("task metric", List.of(AcdcScore.TASK));

    private final String label;
    private final List<AcdcScore> scores;

    AcdcScoreChoice(String label, List<AcdcScore> scores) {
        this.label = label;
        this.scores = scores;
    }

    public List<AcdcScore> scores() {
        return scores;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The choice that runs exactly {@code ran} (in any order): how a finished or reopened sweep was asked for. */
    static AcdcScoreChoice of(java.util.Collection<AcdcScore> ran) {
        for (AcdcScoreChoice c : values()) {
            if (new java.util.HashSet<>(c.scores).equals(new java.util.HashSet<>(ran))) {
                return c;
            }
        }
        return BOTH;
    }

    /** "0.0001, 0.000316, …": thresholds as the τ field shows them. */
    static String format(double[] values) {
        return Arrays.stream(values).mapToObj(AcdcSweep::plain).collect(Collectors.joining(", "));
    }
}
