package org.eapexplorer.ui.session;

import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.task.JobListener;
import org.eapexplorer.task.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.eval.EvalViewModel;
import org.eapexplorer.ui.eval.HybridViewModel;
import org.eapexplorer.ui.patching.PatchingViewModel;

/**
 * Save and open session files; the file work runs on the file worker, the state changes on the FX thread. A
 * session takes the evaluation tabs' results from their view models and gives them back through their
 * {@code restore} methods, after the scores, so that their curves follow as after a computation.
 */
public final class SessionViewModel {

    private final AppState state;
    private final TaskExecutor files;
    private final ErrorReporter errors;
    private final EvalViewModel eval;
    private final PatchingViewModel patching;
    private final HybridViewModel hybrid;

    public SessionViewModel(AppState state, TaskExecutor files, ErrorReporter errors, EvalViewModel eval,
                            PatchingViewModel patching, HybridViewModel hybrid) {
        this.state = state;
        this.files = files;
        this.errors = errors;
        this.eval = eval;
        this.patching = patching;
        this.hybrid = hybrid;
    }

    public boolean canSave() {
        return state.result() != null;
    }

    public JobHandle save(Path file) {
        if (state.result() == null) {
            throw new IllegalStateException("Nothing to save yet: run EAP first.");
        }
        Session session = new Session(state.result(), state.device(), state.threshold(), state.hideUnconnected(),
                state.selectedEdge(), evaluation());
        return files.submit("Save session", context -> {
            SessionJson.write(file, session);
            return file;
        }, new JobListener<Path>() {
            @Override
            public void succeeded(Path value) {
                state.say("Saved session " + value.toAbsolutePath());
            }

            @Override
            public void failed(Throwable error) {
                errors.report("Could not save the session", error);
            }
        });
    }

    public JobHandle open(Path file) {
        return files.submit("Open session", context -> SessionJson.read(file), new JobListener<Session>() {
            @Override
            public void succeeded(Session session) {
                apply(session);
                state.say("Opened session " + file.getFileName());
            }

            @Override
            public void failed(Throwable error) {
                errors.report("Could not open the session", error);
            }
        });
    }

    /** The evaluation tabs' results as of now (records and lists that are not changed later). */
    private Evaluation evaluation() {
        return new Evaluation(eval.truth(), eval.truthFile(), eval.conventionProperty().get(), eval.acdcSweeps(),
                eval.faithfulness(), patching.scatter(), List.copyOf(patching.curves()), hybrid.figure(), eval.shown());
    }

    private void apply(Session s) {
        state.chooseModel(s.result().modelDir());
        if (s.result().promptFile() != null) {
            state.choosePrompts(s.result().promptFile());
        }
        state.chooseDevice(s.device());
        state.setThreshold(s.threshold());
        state.setHideUnconnected(s.hideUnconnected());
        state.showResult(s.result());
        Evaluation ev = s.evaluation();
        eval.restore(ev.truth(), ev.truthFile(), ev.convention(), ev.acdc(), ev.faithfulness());
        patching.restore(ev.scatter(), ev.lambdaCurves());
        hybrid.restore(ev.hybrid());
        if (ev.shown() != null) {
            eval.show(ev.shown());
        }
        if (s.selectedEdge() >= 0) {
            state.select(s.selectedEdge());
        }
    }
}
