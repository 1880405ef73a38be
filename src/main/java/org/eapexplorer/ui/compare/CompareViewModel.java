package org.eapexplorer.ui.compare;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.stats.RankComparison;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.ScoreSets;

/**
 * Two of the window's score sets side by side: set A and set B, their rank comparison (ranks, Spearman's ρ, the
 * edges that moved most) and, when asked, B − A as the scores the graph is coloured by. Only sets of the graph on
 * screen are compared, so that every edge named here is one the graph can select; otherwise {@link #problemProperty()}
 * says why in one line.
 */
public final class CompareViewModel {

    /** How many of the edges that moved most the list shows. */
    public static final int MOVED = 20;

    private final AppState state;
    private final ScoreSets sets;
    private final ObjectProperty<ScoreSet> a = new SimpleObjectProperty<>(this, "a");
    private final ObjectProperty<ScoreSet> b = new SimpleObjectProperty<>(this, "b");
    private final BooleanProperty colourByDifference = new SimpleBooleanProperty(this, "colourByDifference");
    private final ReadOnlyObjectWrapper<RankComparison> comparison = new ReadOnlyObjectWrapper<>(this, "comparison");
    private final ReadOnlyObjectWrapper<int[]> moved = new ReadOnlyObjectWrapper<>(this, "moved", new int[0]);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final ReadOnlyObjectWrapper<ScoreRanking> difference = new ReadOnlyObjectWrapper<>(this, "difference");

    public CompareViewModel(AppState state, ScoreSets sets) {
        this.state = state;
        this.sets = sets;
        sets.sets().addListener((ListChangeListener<ScoreSet>) change -> setsChanged(change));
        a.addListener(o -> update());
        b.addListener(o -> update());
        colourByDifference.addListener(o -> updateDifference());
        state.resultProperty().addListener(o -> update());
        chooseDefaults(null);
        update();
    }

    public ScoreSets sets() { return sets; }

    public ObjectProperty<ScoreSet> aProperty() { return a; }

    public ObjectProperty<ScoreSet> bProperty() { return b; }

    /** Whether the graph is coloured by score_B − score_A instead of the score. */
    public BooleanProperty colourByDifferenceProperty() { return colourByDifference; }

    /** A against B, or null while they cannot be compared ({@link #problemProperty()} says why). */
    public ReadOnlyObjectProperty<RankComparison> comparisonProperty() { return comparison.getReadOnlyProperty(); }

    /** The edges whose rank moved most, largest move first (at most {@link #MOVED}). */
    public ReadOnlyObjectProperty<int[]> movedProperty() { return moved.getReadOnlyProperty(); }

    /** Why nothing is compared, in one line; empty when A and B are compared. */
    public ReadOnlyStringProperty problemProperty() { return problem.getReadOnlyProperty(); }

    /**
     * score_B − score_A ranked as the graph ranks scores (NaN where either set has none), while the graph is to be
     * coloured by it; null otherwise.
     */
    public ReadOnlyObjectProperty<ScoreRanking> differenceProperty() { return difference.getReadOnlyProperty(); }

    public RankComparison comparison() { return comparison.get(); }

    public ScoreSet a() { return a.get(); }

    public ScoreSet b() { return b.get(); }

    public String problem() { return problem.get(); }

    /** Selects an edge in the window, as a click in the graph does. */
    public void select(int edge) {
        if (comparison.get() != null && edge >= 0) {
            state.select(edge);
        }
    }

    /** Sets the choices a session saved; names that are no set leave that choice to the defaults. */
    public void restore(String aName, String bName, boolean colour) {
        ScoreSet savedA = aName == null ? null : sets.named(aName);
        ScoreSet savedB = bName == null ? null : sets.named(bName);
        if (savedA != null) {
            a.set(savedA);
        }
        if (savedB != null) {
            b.set(savedB);
        }
        colourByDifference.set(colour);
    }

    /**
     * A new set becomes B, with A kept when it is still another set, else the set before the new one; a chosen set that
     * went away is unchosen, unless a set of its name took its place.
     */
    private void setsChanged(ListChangeListener.Change<? extends ScoreSet> change) {
        ScoreSet added = null;
        while (change.next()) {
            if (change.wasAdded() && !change.wasReplaced() && change.getAddedSize() == 1) {
                added = change.getAddedSubList().get(0);
            }
        }
        List<ScoreSet> all = sets.sets();
        // A set replaced by a repeated run keeps its name: the choice follows it.
        if (a.get() != null && !all.contains(a.get())) {
            a.set(sets.named(a.get().name()));
        }
        if (b.get() != null && !all.contains(b.get())) {
            b.set(sets.named(b.get().name()));
        }
        chooseDefaults(added);
    }

    private void chooseDefaults(ScoreSet added) {
        List<ScoreSet> all = sets.sets();
        if (added != null && all.size() >= 2) {
            ScoreSet keep = a.get() != null && a.get() != added ? a.get() : b.get() != null && b.get() != added ? b.get()
                    : all.get(all.indexOf(added) == 0 ? 1 : all.indexOf(added) - 1);
            a.set(keep);
            b.set(added);
            return;
        }
        if (a.get() == null && !all.isEmpty()) {
            a.set(all.size() >= 2 ? all.get(all.size() - 2) : all.get(0));
        }
        if (b.get() == null && all.size() >= 2) {
            b.set(all.get(all.size() - 1) != a.get() ? all.get(all.size() - 1) : all.get(all.size() - 2));
        }
    }

    private void update() {
        ScoreSet setA = a.get();
        ScoreSet setB = b.get();
        String why = "";
        RankComparison c = null;
        GraphIndex shown = state.result() == null ? null : state.result().scores().graph();
        if (sets.sets().size() < 2) {
            why = "Compare needs two score sets: run EAP again with another method or prompt file, or open a score file.";
        } else if (setA == null || setB == null) {
            why = "Choose set A and set B.";
        } else if (!setA.graph().sameShape(setB.graph())) {
            why = "Cannot compare: A's graph is " + setA.graph().describe() + ", B's " + setB.graph().describe()
                    + "; score sets of different graphs have no edges in common.";
        } else if (shown == null || !shown.sameShape(setA.graph())) {
            why = "Cannot compare: A and B are of a " + setA.graph().describe() + " model, the graph on screen of "
                    + (shown == null ? "none" : "a " + shown.describe() + " one") + "; show scores of their model first.";
        } else {
            c = RankComparison.of(setA.result().scores(), setB.result().scores());
        }
        problem.set(why);
        comparison.set(c);
        moved.set(c == null ? new int[0] : c.mostMoved(MOVED));
        updateDifference();
    }

    private void updateDifference() {
        RankComparison c = comparison.get();
        if (c == null || !colourByDifference.get()) {
            difference.set(null);
            return;
        }
        float[] sa = a.get().result().scores().scores();
        float[] sb = b.get().result().scores().scores();
        float[] d = new float[sa.length];
        for (int e = 0; e < d.length; e++) {
            d[e] = sb[e] - sa[e];  // NaN where either is NaN
        }
        difference.set(ScoreRanking.of(new EdgeScores(state.result().scores().graph(), d)));
    }
}
