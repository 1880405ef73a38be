package org.eapexplorer.ui;

import java.nio.file.Path;

import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.jobs.TaskExecutor;

/**
 * Model jobs that work on the scores on screen (patching, faithfulness): progress goes to the status line,
 * failures to the error reporter, and a result that arrives after the scores were replaced is dropped.
 * One instance per view model; it holds that view model's running job for Cancel.
 */
public final class ResultJobs {

    /** Takes a finished job's value on the FX thread, while its scores are still the ones shown; returns the status message. */
    @FunctionalInterface
    public interface Done<T> {
        String apply(T value);
    }

    private final AppState state;
    private final TaskExecutor worker;
    private final ErrorReporter errors;
    private JobHandle running;

    public ResultJobs(AppState state, TaskExecutor worker, ErrorReporter errors) {
        this.state = state;
        this.worker = worker;
        this.errors = errors;
    }

    /**
     * The result a new job may start from, or null after telling the user why not: another job is running, no
     * EAP has run, or the scores cannot be patched ({@link #cannotPatch}).
     */
    public AnalysisResult ready() {
        if (state.isBusy()) {
            state.say("A job is running; cancel it first.");
            return null;
        }
        AnalysisResult r = state.result();
        if (r == null) {
            state.say("Run EAP first.");
            return null;
        }
        String why = cannotPatch(r);
        if (why != null) {
            state.say(why);
            return null;
        }
        return r;
    }

    /**
     * Why no model job can start from {@code r}, or null when one can: the scores came from a session or score file
     * without their prompt file, or the Model box names another model than the one that produced them. The λ-curves
     * tab shows this once instead of a status message per selected edge.
     */
    public String cannotPatch(AnalysisResult r) {
        if (r.promptFile() == null) {
            return "These scores were opened without their prompt file (a score file, or a session without one): "
                    + "run EAP to compute more.";
        }
        // Jobs run on the model that produced the scores; when the Model box names another, refuse rather than
        // compute on a model the window does not name.
        Path chosen = state.modelDir();
        if (chosen != null && r.modelDir() != null
                && !chosen.toAbsolutePath().normalize().equals(r.modelDir().toAbsolutePath().normalize())) {
            return "Not run: the scores on screen are from " + r.modelDir() + ", but the Model box names " + chosen
                    + ". Press Run EAP to score " + chosen.getFileName() + ", or choose " + r.modelDir().getFileName()
                    + " again.";
        }
        return null;
    }

    public <T> JobHandle submit(String title, AnalysisResult scores, BackgroundJob<T> job, Done<T> done) {
        state.jobProgress(new JobProgress(title, -1, "Starting…"));
        running = worker.submit(title, job, new JobListener<T>() {
            @Override
            public void progress(JobProgress progress) {
                if (state.isBusy()) {
                    state.jobProgress(progress);
                }
            }

            @Override
            public void succeeded(T value) {
                running = null;
                state.jobFinished(state.result() == scores ? done.apply(value) : title + ": the scores changed meanwhile.");
            }

            @Override
            public void failed(Throwable error) {
                running = null;
                state.jobFinished(title + " failed: " + ErrorReporter.describe(error));
                errors.report(title + " failed", error);
            }

            @Override
            public void cancelled() {
                running = null;
                state.jobFinished("Cancelled.");
            }
        });
        return running;
    }

    /** Whether this view model's job is running (from its submission until its outcome is delivered). */
    public boolean isRunning() {
        return running != null;
    }

    public void cancel() {
        if (running != null) {
            running.cancel();
            state.say("Cancelling…");
        }
    }
}
