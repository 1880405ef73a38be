package org.eapexplorer.ui.eval;

import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.eval.Faithfulness;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.task.BackgroundJob;
import org.eapexplorer.task.JobContext;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.run.ModelCache;

/**
 * The faithfulness curve of the last run's scores on its model and prompts, on the worker thread: takes the
 * model from the {@link ModelCache} (as the patching jobs do), runs one circuit forward pass per edge count.
 */
final class FaithfulnessJob implements BackgroundJob<FaithfulnessCurve> {

    private final AnalysisResult result;
    private final ComputeDevice device;
    private final ModelCache cache;
    private final int[] counts;

    FaithfulnessJob(AnalysisResult result, ComputeDevice device, ModelCache cache, int[] counts) {
        if (result.promptFile() == null) {
            throw new IllegalStateException("These scores came from a session without its prompt file: run EAP again.");
        }
        this.result = result;
        this.device = device;
        this.cache = cache;
        this.counts = counts.clone();
    }

    @Override
    public FaithfulnessCurve run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(result.modelDir(), result.promptFile(), device, context);
        context.message("Running the clean and corrupted prompts…");
        try (CircuitRunner runner = CircuitRunner.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            context.throwIfCancelled();
            return Faithfulness.curve(runner, ScoreRanking.of(result.scores()), counts, context, context.cancellation());
        }
    }
}
