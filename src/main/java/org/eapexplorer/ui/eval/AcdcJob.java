package org.eapexplorer.ui.eval;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.task.BackgroundJob;
import org.eapexplorer.task.JobContext;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.run.ModelCache;

/**
 * ACDC on the last run's model and prompts at every τ, once per score to minimise (KL, the task metric), on the
 * worker thread: the circuits behind the ROC panel's ACDC curves. One clean/corrupted run serves them all.
 */
final class AcdcJob implements BackgroundJob<List<AcdcSweep>> {

    private final AnalysisResult result;
    private final ComputeDevice device;
    private final ModelCache cache;
    private final double[] taus;
    private final List<AcdcScore> scores;

    AcdcJob(AnalysisResult result, ComputeDevice device, ModelCache cache, double[] taus, List<AcdcScore> scores) {
        if (result.promptFile() == null) {
            throw new IllegalStateException("These scores came from a session without its prompt file: run EAP again.");
        }
        this.result = result;
        this.device = device;
        this.cache = cache;
        this.taus = taus.clone();
        this.scores = List.copyOf(scores);
    }

    @Override
    public List<AcdcSweep> run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(result.modelDir(), result.promptFile(), device, context);
        context.message("Running the clean and corrupted prompts…");
        List<AcdcSweep> sweeps = new ArrayList<>();
        try (CircuitRunner runner = CircuitRunner.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            for (int i = 0; i < scores.size(); i++) {
                context.throwIfCancelled();
                int done = i;
                ProgressListener within = (current, total, message) -> context.progress((long) done * total + current,
                        (long) scores.size() * total, (scores.get(done) == AcdcScore.KL ? "KL, " : "task metric, ") + message);
                sweeps.add(AcdcSweep.run(runner, result.scores().graph(), scores.get(i), taus, null, within, context.cancellation()));
            }
        }
        return sweeps;
    }
}
