package org.eapexplorer.ui.eval;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.ResultJobs;
import org.eapexplorer.ui.run.ModelCache;

/**
 * MIB's CPR and CMD of the scores on screen, computed as the {@code faithfulness} command does (one circuit forward
 * pass per edge fraction and ranking) in a cancellable job; cleared when the scores change.
 */
public final class MibViewModel {

    private final AppState state;
    private final ModelCache cache;
    private final ResultJobs jobs;
    private final ReadOnlyObjectWrapper<MibMetrics> metrics = new ReadOnlyObjectWrapper<>(this, "mib");

    MibViewModel(AppState state, TaskExecutor worker, ModelCache cache, ErrorReporter errors) {
        this.state = state;
        this.cache = cache;
        this.jobs = new ResultJobs(state, worker, errors);
        state.resultProperty().addListener((obs, old, r) -> metrics.set(null));
    }

    public ReadOnlyObjectProperty<MibMetrics> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    public MibMetrics metrics() {
        return metrics.get();
    }

    /** CPR (edges ranked by signed score) and CMD (by |score|) at MIB's fractions; null (and a message) when none can start. */
    public JobHandle compute() {
        AnalysisResult r = jobs.ready();
        if (r == null) {
            return null;
        }
        int points = MibCircuitMetrics.FRACTIONS.length;
        String title = "MIB's CPR and CMD at " + points + " edge fractions";
        return jobs.submit(title, r, new CircuitJob<>(r, state.device(), cache, (runner, context) -> {
            ProgressListener signed = (done, total, message) -> context.progress(done, 2L * total, "signed ranking (CPR): " + message);
            MibCurve cpr = MibCircuitMetrics.cpr(runner, r.scores(), signed, context.cancellation());
            ProgressListener absolute = (done, total, message) -> context.progress(total + done, 2L * total,
                    "absolute ranking (CMD): " + message);
            MibCurve cmd = MibCircuitMetrics.cmd(runner, ScoreRanking.of(r.scores()), absolute, context.cancellation());
            return new MibMetrics(cpr, cmd);
        }), value -> {
            metrics.set(value);
            return "MIB: " + value.describe();
        });
    }

    /** What a session kept, shown again without recomputing (null for none). */
    public void restore(MibMetrics saved) {
        metrics.set(saved);
    }

    public void cancel() {
        jobs.cancel();
    }
}
