package org.eapexplorer.ui;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Every score set the window holds: each result it shows (an EAP run, a score file, a session's scores) is kept
 * here under its own name, so that methods and prompt sets can be compared after the next run replaces the graph.
 * Changed on the FX thread only, like {@link AppState}.
 */
public final class ScoreSets {

    private final ObservableList<ScoreSet> sets = FXCollections.observableArrayList();
    private final ObservableList<ScoreSet> readOnly = FXCollections.unmodifiableObservableList(sets);
    private final AppState state;

    public ScoreSets(AppState state) {
        this.state = state;
        state.resultProperty().addListener((obs, old, result) -> {
            if (result != null && find(result) == null) {
                add(result, ScoreSet.nameOf(result));
            }
        });
        if (state.result() != null) {
            sets.add(new ScoreSet(ScoreSet.nameOf(state.result()), state.result()));
        }
    }

    /** The sets in the order they came, oldest first. */
    public ObservableList<ScoreSet> sets() {
        return readOnly;
    }

    /** The set whose scores the graph shows, or null before any result. */
    public ScoreSet current() {
        return state.result() == null ? null : find(state.result());
    }

    /** The set holding exactly this result (the same object), or null. */
    public ScoreSet find(AnalysisResult result) {
        for (ScoreSet s : sets) {
            if (s.result() == result) {
                return s;
            }
        }
        return null;
    }

    /** The set of this name, or null. */
    public ScoreSet named(String name) {
        for (ScoreSet s : sets) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /**
     * Keeps {@code result} under {@code name} (made unique) before it is shown, when its name should say more than
     * {@link ScoreSet#nameOf(AnalysisResult)} can tell, e.g. the prompt file a score file was computed from.
     */
    public ScoreSet keep(AnalysisResult result, String name) {
        ScoreSet known = find(result);
        if (known != null) {
            return known;
        }
        return add(result, name);
    }

    /**
     * A run repeated with the same inputs gives the same scores: it takes its earlier set's place under that name
     * rather than adding "name (2)" with nothing new to compare.
     */
    private ScoreSet add(AnalysisResult result, String name) {
        for (int i = 0; i < sets.size(); i++) {
            ScoreSet s = sets.get(i);
            if (s.name().equals(name) && java.util.Objects.equals(s.result().method(), result.method())
                    && s.graph().sameShape(result.scores().graph())
                    && java.util.Arrays.equals(s.result().scores().scores(), result.scores().scores())) {
                ScoreSet again = new ScoreSet(name, result);
                sets.set(i, again);
                return again;
            }
        }
        ScoreSet set = new ScoreSet(uniqueName(name), result);
        sets.add(set);
        return set;
    }

    /** Replaces every set, as opening a session does (the session's result must be among them to be kept once). */
    public void restore(List<ScoreSet> saved) {
        sets.setAll(saved);
    }

    /** {@code name}, or "name (2)", "name (3)" … when a set already has it. */
    String uniqueName(String name) {
        if (named(name) == null) {
            return name;
        }
        for (int i = 2; ; i++) {
            String candidate = name + " (" + i + ")";
            if (named(candidate) == null) {
                return candidate;
            }
        }
    }
}
