package org.eapexplorer.ui.patching;

import java.io.IOException;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.io.PatchCache;
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
        checkUnchanged(result, prepared.loaded().files());
        context.message("Running the clean and corrupted prompts…");
        try (EdgePatcher patcher = EdgePatcher.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            context.throwIfCancelled();
            return work.run(patcher, result.scores().graph(), context);
        }
    }

    /**
     * Refuses to patch when the model folder or the prompt file changed on disk since the scores were computed (an edit
     * of config.json, another tokenizer, new weights): the effects would come from another model than the scores they
     * are set beside, and the patching cache would keep them under the new files' key as if they matched.
     */
    static void checkUnchanged(AnalysisResult result, String modelFiles) throws IOException {
        if (result.computedFrom() == null) {
            return;   // a session or score file opened: what it was computed from is not known
        }
        // The model's files as the cache just took them (it compares them to load a changed model anew): hashed once a job.
        if (modelFiles == null || !result.computedFrom().equals(PatchCache.inputsKey(modelFiles, result.promptFile()))) {
            throw new IOException(result.modelDir() + " or " + result.promptFile() + " changed on disk since these scores were "
                    + "computed (config.json, the tokenizer, the weights or the prompts): run " + result.methodDescription()
                    + " again, so that the scores and the patching come from the same model");
        }
    }
}
