package org.eapexplorer.ui.eval;

import java.util.BitSet;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.task.BackgroundJob;
import org.eapexplorer.task.JobContext;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.run.ModelCache;

/** The EAP→ACDC hybrid grid on the last run's model and prompts, on the worker thread (one ACDC search per cell). */
final class HybridJob implements BackgroundJob<HybridGrid.Result> {

    private final AnalysisResult result;
    private final ComputeDevice device;
    private final ModelCache cache;
    private final int[] eapSizes;
    private final double[] taus;
    private final AcdcScore score;
    private final BitSet truth;

    HybridJob(AnalysisResult result, ComputeDevice device, ModelCache cache, int[] eapSizes, double[] taus, AcdcScore score,
              BitSet truth) {
        if (result.promptFile() == null) {
            throw new IllegalStateException("These scores came from a session without its prompt file: run EAP again.");
        }
        this.result = result;
        this.device = device;
        this.cache = cache;
        this.eapSizes = eapSizes.clone();
        this.taus = taus.clone();
        this.score = score;
        this.truth = (BitSet) truth.clone();
    }

    @Override
    public HybridGrid.Result run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(result.modelDir(), result.promptFile(), device, context);
        context.message("Running the clean and corrupted prompts…");
        try (CircuitRunner runner = CircuitRunner.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            return HybridGrid.run(runner, ScoreRanking.of(result.scores()), eapSizes, taus, score, truth, context,
                    context.cancellation());
        }
    }
}
