package org.eapexplorer.ui.patching;

import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.run.ModelCache;

/**
 * Exact patching on the model and prompts of the last EAP run, on the worker thread: takes the model from the
 * {@link ModelCache} (as {@code RunEapJob} does), runs the clean and corrupted prompts once, hands the patcher
 * to {@code work}, and frees it. What comes back is plain arrays.
 */
final class PatchJob<T> implements BackgroundJob<T> {

    @FunctionalInterface
    interface Work<T> {
        T run(EdgePatcher patcher, GraphIndex graph, JobContext context) throws Exception;
    }

    private final AnalysisResult result;
    private final ComputeDevice device;
    private final ModelCache cache;
    private final Work<T> work;

    PatchJob(AnalysisResult result, ComputeDevice device, ModelCache cache, Work<T> work) {
        if (result.promptFile() == null) {
            throw new IllegalStateException("These scores came from a session without its prompt file: run EAP again to patch.");
        }
        this.result = result;
        this.device = device;
        this.cache = cache;
        this.work = work;
    }

    @Override
    public T run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(result.modelDir(), result.promptFile(), device, context);
        context.message("Running the clean and corrupted prompts…");
        try (EdgePatcher patcher = EdgePatcher.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            context.throwIfCancelled();
            return work.run(patcher, result.scores().graph(), context);
        }
    }
}
