package org.eapexplorer.ui.patching;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ResultJobs;

/**
 * The λ-curves tab's curves, which follow the selection: selecting an edge (graph click, N/P, scatter, Compare
 * list) shows its curve with no button press, from the {@link CurveCache} at once, else by a {@link CurveJob} that a
 * newer selection cancels. A job the user starts (any job that takes {@code AppState.job}) cancels a running curve
 * rather than waiting behind it on the one model worker, and when that job ends the edge selected then gets its
 * curve. The last {@link PatchingViewModel#MAX_CURVES} stay, and pinned ones.
 */
final class SelectionCurves {

    /** Makes an edge's curve from its exact effects, with the tangent and estimate of the scores on screen. */
    @FunctionalInterface
    interface Factory {
        LambdaCurve curve(AnalysisResult r, int edge, double[] lambdas, double[] effects);
    }

    private static final int MAX_CURVES = PatchingViewModel.MAX_CURVES;

    private final AppState state;
    private final ResultJobs jobs;
    private final CurveJob curveJob;
    private final Factory factory;
    private final CurveCache curveCache = new CurveCache();
    private final ObservableList<LambdaCurve> curves = FXCollections.observableArrayList();

    SelectionCurves(AppState state, ResultJobs jobs, CurveJob curveJob, Factory factory) {
        this.state = state;
        this.jobs = jobs;
        this.curveJob = curveJob;
        this.factory = factory;
        state.resultProperty().addListener((obs, old, r) -> {
            curveJob.cancel();
            curveJob.clearMessage();
            curves.clear();
            curveCache.follow(r);
        });
        state.selectedEdgeProperty().addListener(o -> followSelection());
        state.jobProperty().addListener((obs, old, job) -> {
            if (job != null && old == null) {
                curveJob.cancel();   // the user's job goes first; followSelection picks the curve up when it ends
            } else if (job == null) {
                followSelection();
            }
        });
        // The Model box choosing another model (or back) changes whether the scores can be patched.
        state.modelDirProperty().addListener(o -> followSelection());
    }

    /** The curves shown, oldest first. */
    ObservableList<LambdaCurve> curves() {
        return curves;
    }

    /**
     * Shows the selected edge's λ-curve: from the cache at once, else by a curve job (cancelling an older one);
     * while a user's job runs, nothing starts (the job's end calls this again); when the scores cannot be patched,
     * the λ-curves tab says why, once.
     */
    private void followSelection() {
        int edge = state.selectedEdge();
        AnalysisResult r = state.result();
        if (edge < 0 || r == null) {
            curveJob.cancel();
            curveJob.clearMessage();
            return;
        }
        double[] known = curveCache.get(r, edge);
        if (known != null) {
            curveJob.cancel();
            curveJob.clearMessage();
            show(r, edge, LambdaCurve.defaultLambdas(), known);
            return;
        }
        if (curveJob.edge() == edge) {
            return;
        }
        if (state.isBusy()) {
            curveJob.explain("λ-curve of " + r.scores().graph().edgeName(edge) + " once the running job ends");
            return;
        }
        startCurve(r, edge);
    }

    private JobHandle startCurve(AnalysisResult r, int edge) {
        String why = jobs.cannotPatch(r);
        if (why != null) {
            curveJob.explain(why);
            return null;
        }
        return curveJob.start(r, edge, r.scores().graph().edgeName(edge), state.device(), effects -> {
            curveCache.put(r, edge, LambdaCurve.defaultLambdas(), effects);
            if (state.result() == r) {
                show(r, edge, LambdaCurve.defaultLambdas(), effects);
            }
        });
    }

    /** Adds (or moves to the end) {@code edge}'s curve with the tangent and estimate of the scores on screen. */
    private void show(AnalysisResult r, int edge, double[] lambdas, double[] effects) {
        add(curves, factory.curve(r, edge, lambdas, effects));
    }

    /**
     * Puts {@code curve} last, keeping the pin of the curve it replaces, then drops the oldest unpinned curves while
     * more than {@link #MAX_CURVES} are shown; pinned curves and the newest stay.
     */
    static void add(List<LambdaCurve> shown, LambdaCurve curve) {
        boolean pinned = curve.pinned();
        for (int i = 0; i < shown.size(); i++) {
            if (shown.get(i).edge() == curve.edge()) {
                pinned |= shown.get(i).pinned();
                shown.remove(i);
                break;
            }
        }
        shown.add(pinned == curve.pinned() ? curve : curve.withPinned(pinned));
        for (int i = 0; shown.size() > MAX_CURVES && i < shown.size() - 1; ) {
            if (shown.get(i).pinned()) {
                i++;
            } else {
                shown.remove(i);
            }
        }
    }

    /** Pins or unpins {@code edge}'s curve (nothing when it has none): a pinned curve outlives any number of selections. */
    void pin(int edge, boolean pinned) {
        for (int i = 0; i < curves.size(); i++) {
            if (curves.get(i).edge() == edge && curves.get(i).pinned() != pinned) {
                curves.set(i, curves.get(i).withPinned(pinned));
            }
        }
    }

    /** The shown curve of {@code edge}, or null. */
    LambdaCurve curveOf(int edge) {
        for (LambdaCurve c : curves) {
            if (c.edge() == edge) {
                return c;
            }
        }
        return null;
    }

    /** The curve job's progress ("computing λ-curve of …"), or why no curve is computed; empty when neither. */
    ReadOnlyStringProperty messageProperty() {
        return curveJob.messageProperty();
    }

    /** True while a curve job runs (the λ-curves tab's Cancel). */
    ReadOnlyBooleanProperty runningProperty() {
        return curveJob.runningProperty();
    }

    /** Stops the running curve job (the λ-curves tab's Cancel); the Run panel's Cancel is for the user's own jobs. */
    void cancel() {
        curveJob.cancel();
    }

    /** The details panel's linearity row for {@code edge}: from its curve, or what is happening instead. */
    String linearity(int edge) {
        LambdaCurve c = curveOf(edge);
        if (c != null) {
            return Linearity.of(c).describe();
        }
        if (curveJob.edge() == edge) {
            return "computing the λ-curve…";
        }
        if (state.isBusy()) {
            return "λ-curve after the running job";
        }
        AnalysisResult r = state.result();
        return r != null && jobs.cannotPatch(r) != null ? "no λ-curve (the λ-curves tab says why)" : "not computed";
    }

    /**
     * Computes {@code edge}'s λ-curve now (even if cached), as selecting it does; null, with the reason in the
     * status line, when no model job can start (a user's job runs, or the scores cannot be patched).
     */
    JobHandle compute(int edge) {
        AnalysisResult r = jobs.ready();
        return r == null ? null : startCurve(r, edge);
    }

    /** Removes the unpinned curves; pinned ones stay until unpinned. */
    void clear() {
        curves.removeIf(c -> !c.pinned());
    }

    /**
     * Puts back a saved session's curves on its result (shown first), oldest first (pinned ones and the last
     * {@link PatchingViewModel#MAX_CURVES} are kept); their effects go into the cache, so selecting their edges
     * starts no job.
     */
    void restore(AnalysisResult r, List<LambdaCurve> saved) {
        List<LambdaCurve> kept = new ArrayList<>();
        for (LambdaCurve c : saved) {
            add(kept, c);
            curveCache.put(r, c.edge(), c.lambdas(), c.effects());
        }
        curves.setAll(kept);
    }
}
