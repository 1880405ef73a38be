package org.eapexplorer.ui;

import java.nio.file.Path;
import org.eapexplorer.model.GraphIndex;

/**
 * One named set of edge scores the window keeps for comparison: an EAP run it made or a score file it opened.
 *
 * @param name e.g. "EAP-IG (inputs), 5 steps · ioi.jsonl"; unique among the window's sets
 */
public record ScoreSet(String name, AnalysisResult result) {

    public ScoreSet {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a score set needs a name");
        }
        if (result == null) {
            throw new IllegalArgumentException("a score set needs scores");
        }
    }

    /** The name a result gets from its method and prompt file: "EAP · induction.jsonl". */
    public static String nameOf(AnalysisResult r) {
        return nameOf(r.method(), r.promptFile() != null ? r.promptFile().getFileName().toString() : r.promptSource());
    }

    /** "EAP-IG (inputs), 5 steps · ioi.jsonl"; a method that is not known (null) is said to be not recorded. */
    public static String nameOf(org.eapexplorer.model.MethodSpec method, String promptSource) {
        String m = method == null ? "method not recorded" : method.describe();
        return promptSource == null || promptSource.isBlank() ? m : m + " · " + promptSource;
    }

    public GraphIndex graph() {
        return result.scores().graph();
    }

    /** The model the scores are of, for messages. */
    public Path modelDir() {
        return result.modelDir();
    }

    @Override
    public String toString() {
        return name;
    }
}
