package org.eapexplorer.ui.eval;

import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.run.ModelCache;

/**
 * A job that runs circuits of the last result's model on its prompts (faithfulness, ACDC, the hybrid grid), on
 * the worker thread: takes the model from the {@link ModelCache} as the patching jobs do, makes the clean and
 * corrupted runs once, and hands the runner to its body.
 */
final class CircuitJob<T> implements BackgroundJob<T> {

    @FunctionalInterface
    interface Body<T> {
        T run(CircuitRunner runner, JobContext context) throws Exception;
    }

    private final AnalysisResult result;
    private final ComputeDevice device;
    private final ModelCache cache;
    private final Body<T> body;

    CircuitJob(AnalysisResult result, ComputeDevice device, ModelCache cache, Body<T> body) {
        if (result.promptFile() == null) {
            throw new IllegalStateException("These scores came from a session without its prompt file: run EAP again.");
        }
        this.result = result;
        this.device = device;
        this.cache = cache;
        this.body = body;
    }

    @Override
    public T run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(result.modelDir(), result.promptFile(), device, context);
        context.message("Running the clean and corrupted prompts…");
        try (CircuitRunner runner = CircuitRunner.prepare(prepared.model(), prepared.pairs(), result.metric())) {
            context.throwIfCancelled();
            return body.run(runner, context);
        }
    }
}
