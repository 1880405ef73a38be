package org.eapexplorer.ui.run;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.runtime.Diagnostics;
import org.eapexplorer.ui.ErrorReporter;

/**
 * Help → Diagnostics: the same facts as {@code doctor}, gathered on the model worker because gathering loads
 * libtorch, which must happen on the thread that does all model work.
 */
public final class DiagnosticsViewModel {

    private final TaskExecutor executor;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper(this, "text", "");

    public DiagnosticsViewModel(TaskExecutor executor) {
        this.executor = executor;
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Gathers the facts again; the text says so meanwhile, and says what failed if gathering does. */
    public void refresh() {
        text.set("Gathering… (loads libtorch if no model has yet)");
        executor.submit("Diagnostics", context -> Diagnostics.gather().text(), new JobListener<String>() {
            @Override
            public void succeeded(String value) {
                text.set(value);
            }

            @Override
            public void failed(Throwable error) {
                text.set("Diagnostics failed: " + ErrorReporter.describe(error));
            }

            @Override
            public void cancelled() {
                text.set("Diagnostics cancelled.");
            }
        });
    }
}
