package org.eapexplorer.ui;

import java.util.OptionalInt;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.Cut;
import org.eapexplorer.circuit.ScoreRanking;

/**
 * The circuit on screen, derived from the state: scores are ranked once per result, and each threshold or
 * pruning change is a binary search plus a prefix of that ranking. Graph, histogram and details all read it.
 */
public final class CircuitViewModel {

    private final AppState state;
    private final ReadOnlyObjectWrapper<ScoreRanking> ranking = new ReadOnlyObjectWrapper<>(this, "ranking");
    private final ReadOnlyObjectWrapper<Circuit> circuit = new ReadOnlyObjectWrapper<>(this, "circuit");
    private final ReadOnlyIntegerWrapper keptEdges = new ReadOnlyIntegerWrapper(this, "keptEdges");
    private Cut.Given shown;   // a circuit found another way (ACDC), drawn instead of the threshold's until that moves

    public CircuitViewModel(AppState state) {
        this.state = state;
        state.resultProperty().addListener((obs, old, result) -> {
            shown = null;
            // Made by the job that brought the result, where it could: sorting a million edges here would freeze the window.
            ranking.set(result == null ? null : state.rankings().of(result.scores()));
            update();
        });
        state.thresholdProperty().addListener(o -> {
            shown = null;
            update();
        });
        state.hideUnconnectedProperty().addListener(o -> update());
        if (state.result() != null) {
            ranking.set(state.rankings().of(state.result().scores()));
        }
        update();
    }

    public ReadOnlyObjectProperty<ScoreRanking> rankingProperty() { return ranking.getReadOnlyProperty(); }

    /** The kept (and, when asked, pruned) edges; null before the first result. */
    public ReadOnlyObjectProperty<Circuit> circuitProperty() { return circuit.getReadOnlyProperty(); }

    /**
     * Shows {@code edges} (chosen by {@code label}, e.g. an ACDC search) instead of the threshold's circuit, drawn
     * over the same scores and pruned alike, until the threshold or the result changes.
     */
    public void show(java.util.BitSet edges, String label) {
        if (ranking.get() == null) {
            throw new IllegalStateException("no scores to draw " + label + " over");
        }
        shown = new Cut.Given(edges, label);
        update();
    }

    /** Whether the circuit on screen is one {@link #show} put there rather than the threshold's. */
    public boolean showsGiven() {
        return shown != null;
    }

    /** Edges that pass the threshold, before pruning: the count next to the threshold control. */
    public ReadOnlyIntegerProperty keptEdgesProperty() { return keptEdges.getReadOnlyProperty(); }

    public ScoreRanking ranking() { return ranking.get(); }

    public Circuit circuit() { return circuit.get(); }

    /** Edges drawn: those kept and, when unconnected nodes are hidden, on an input→logits path. */
    public int visibleEdgeCount() {
        Circuit c = circuit.get();
        return c == null ? 0 : c.edgeCount();
    }

    /**
     * The |score| at which the current setting cuts (+∞ for top 0, 0 before any result); NaN while a circuit found
     * another way is shown ({@link #show}): that one is no |score| cut, and panels draw no threshold for it.
     */
    public double absThreshold() {
        Circuit c = circuit.get();
        return c == null ? 0 : shown != null ? Double.NaN : c.absThreshold();
    }

    /** What the graph shows instead of the threshold's circuit ("ACDC (KL) τ 0.01"), or null when it shows that. */
    public String shownInsteadLabel() {
        return shown == null ? null : shown.label();
    }

    /** The threshold as a cut of the current ranking, with top-k clamped to the edges that have a score. */
    public static Cut cutOf(Threshold threshold, ScoreRanking ranking) {
        if (threshold.mode() == ThresholdMode.TOP_K) {
            return new Cut.TopK(Math.min(threshold.k(), ranking.scoredCount()));
        }
        return new Cut.AtLeast(threshold.value());
    }

    /** Selects the next weaker visible edge (or the strongest, when nothing is selected). */
    public void selectNext() {
        step(+1);
    }

    /** Selects the next stronger visible edge (or the weakest visible one, when nothing is selected). */
    public void selectPrevious() {
        step(-1);
    }

    private void step(int direction) {
        Circuit c = circuit.get();
        if (c == null || c.edgeCount() == 0) {
            return;
        }
        ScoreRanking r = c.ranking();
        int selected = state.selectedEdge();
        int startRank;
        if (selected >= 0 && c.hasEdge(selected)) {
            startRank = r.rank(selected) + direction;
        } else {
            startRank = direction > 0 ? 0 : c.rankLimit() - 1;
        }
        visibleFrom(c, startRank, direction).ifPresent(state::select);
    }

    private static OptionalInt visibleFrom(Circuit c, int rank, int direction) {
        ScoreRanking r = c.ranking();
        for (int k = rank; k >= 0 && k < c.rankLimit(); k += direction) {
            int edge = r.edgeAt(k);
            if (c.hasEdge(edge)) {
                return OptionalInt.of(edge);
            }
        }
        return OptionalInt.empty();
    }

    private void update() {
        ScoreRanking r = ranking.get();
        if (r == null) {
            circuit.set(null);
            keptEdges.set(0);
            return;
        }
        Cut cut = shown != null ? shown : cutOf(state.threshold(), r);
        Circuit kept = Circuit.of(r, cut);
        keptEdges.set(kept.edgeCount());
        circuit.set(state.hideUnconnected() ? kept.prune() : kept);
    }
}
