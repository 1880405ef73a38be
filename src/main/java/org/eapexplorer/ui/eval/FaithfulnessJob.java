package org.eapexplorer.ui.eval;

import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.eval.Faithfulness;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
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
        context.message("Reading " + result.promptFile().getFileName() + "…");
        PromptSet set = PromptPairFile.read(result.promptFile());
        context.throwIfCancelled();
        ModelCache.Loaded loaded = cache.acquire(result.modelDir(), device, context);
        context.throwIfCancelled();
        List<TokenizedPair> pairs = PromptEncoder.encode(set, loaded.tokenizer(), loaded.model().config().nPositions());
        context.message("Running the clean and corrupted prompts…");
        try (CircuitRunner runner = CircuitRunner.prepare(loaded.model(), pairs, result.metric())) {
            context.throwIfCancelled();
            return Faithfulness.curve(runner, ScoreRanking.of(result.scores()), counts, context, context.cancellation());
        }
    }
}
