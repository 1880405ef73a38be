package org.eapexplorer.ui.session;

import java.nio.file.Path;
import org.eapexplorer.task.JobHandle;
import org.eapexplorer.task.JobListener;
import org.eapexplorer.task.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/** Save and open session files; the file work runs on the file worker, the state changes on the FX thread. */
public final class SessionViewModel {

    private final AppState state;
    private final TaskExecutor files;
    private final ErrorReporter errors;

    public SessionViewModel(AppState state, TaskExecutor files, ErrorReporter errors) {
        this.state = state;
        this.files = files;
        this.errors = errors;
    }

    public boolean canSave() {
        return state.result() != null;
    }

    public JobHandle save(Path file) {
        if (state.result() == null) {
            throw new IllegalStateException("Nothing to save yet: run EAP first.");
        }
        Session session = new Session(state.result(), state.device(), state.threshold(), state.hideUnconnected(),
                state.selectedEdge());
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

    private void apply(Session s) {
        state.chooseModel(s.result().modelDir());
        if (s.result().promptFile() != null) {
            state.choosePrompts(s.result().promptFile());
        }
        state.chooseDevice(s.device());
        state.setThreshold(s.threshold());
        state.setHideUnconnected(s.hideUnconnected());
        state.showResult(s.result());
        if (s.selectedEdge() >= 0) {
            state.select(s.selectedEdge());
        }
    }
}
