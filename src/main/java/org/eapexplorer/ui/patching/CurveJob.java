package org.eapexplorer.ui.patching;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.run.ModelCache;

/**
 * The λ-curve that follows the selection, one at a time on the model worker. The user did not ask for it with a
 * button, so it stays out of the way: it does not take the window's job slot ({@code AppState.job}, which drives the
 * Run panel's progress and Cancel and makes {@code ResultJobs} refuse new jobs); its progress, and why no curve can be
 * computed, are {@link #messageProperty()}, shown in the λ-curves tab with a Cancel of its own. Starting another curve
 * cancels this one: a cancelled job that has not started never runs, and one that runs stops before its next forward
 * pass ({@code EdgePatcher.effects}' hook), so quick stepping leaves no pile of stale jobs on the worker.
 */
final class CurveJob {

    private final TaskExecutor worker;
    private final ModelCache cache;
    private final ErrorReporter errors;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private JobHandle handle;
    /** Identifies the job whose outcome still counts; null when none runs. */
    private Object current;
    private int edge = -1;
    /** The last failure reported in a dialog: a broken model fails every edge alike, and one dialog says it. */
    private String lastFailure;

    CurveJob(TaskExecutor worker, ModelCache cache, ErrorReporter errors) {
        this.worker = worker;
        this.cache = cache;
        this.errors = errors;
    }

    /** "computing λ-curve of a1.h1->logits… (patching at 21 λ)", or why no curve is computed; empty when neither. */
    ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The edge whose curve is being computed; -1 when none. */
    int edge() {
        return edge;
    }

    /**
     * Cancels the running curve and starts {@code name}'s on {@code r}'s model and prompts; {@code done} takes the
     * effects, on the FX thread, unless a newer curve or a cancel came first.
     */
    JobHandle start(AnalysisResult r, int edgeIndex, String name, ComputeDevice device, Consumer<double[]> done) {
        cancel();
        double[] lambdas = LambdaCurve.defaultLambdas();
        String title = "λ-curve of " + name;
        edge = edgeIndex;
        running.set(true);
        message.set("computing " + title + "…");
        // Each listener checks that its job is still the current one: a cancelled job reports after the next started.
        Object token = new Object();
        current = token;
        JobHandle submitted = worker.submit(title, new PatchJob<>(r, device, cache, (patcher, graph, context) -> {
            context.message("patching at " + lambdas.length + " λ…");
            return patcher.effects(new int[] {edgeIndex}, lambdas, context::throwIfCancelled)[0];
        }), new JobListener<double[]>() {
            @Override
            public void progress(JobProgress progress) {
                if (current == token) {
                    message.set("computing " + title + "… " + progress.message());
                }
            }

            @Override
            public void succeeded(double[] effects) {
                if (current == token) {
                    finish("");
                    lastFailure = null;
                    done.accept(effects);
                }
            }

            @Override
            public void failed(Throwable error) {
                if (current == token) {
                    String why = ErrorReporter.describe(error);
                    finish(title + " failed: " + why);
                    if (!why.equals(lastFailure)) {
                        lastFailure = why;
                        errors.report(title + " failed", error);
                    }
                }
            }

            @Override
            public void cancelled() {
                if (current == token) {
                    finish("");
                }
            }
        });
        if (current == token) {   // not already over (the tests' direct executor runs it within submit)
            handle = submitted;
        }
        return submitted;
    }

    private void finish(String text) {
        current = null;
        handle = null;
        edge = -1;
        running.set(false);
        message.set(text);
    }

    /** Stops the running curve, if any (a newer selection, a user's job, the Cancel in the λ-curves tab). */
    void cancel() {
        if (handle != null) {
            handle.cancel();
        }
        if (current != null) {
            finish("");
        }
    }

    /** Shows why no curve is computed (replacing any progress); the tab shows it until the next curve or selection. */
    void explain(String why) {
        cancel();
        message.set(why);
    }

    /** Clears an explanation once it no longer applies. */
    void clearMessage() {
        if (current == null) {
            message.set("");
        }
    }
}
