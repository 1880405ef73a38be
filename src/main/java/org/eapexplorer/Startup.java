package org.eapexplorer;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.IntConsumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.ui.ErrorReporter;
import org.eapexplorer.ui.MainWindow;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.run.RunRequest;

/**
 * What the window does once shown: open a session, run EAP on the model given on the command line or on the
 * built-in default model, or show the empty state; then, with {@code --screenshot}, write a PNG and quit.
 */
final class Startup {

    private final AppContext context;
    private final UiOptions options;
    private final MainWindow window;
    private final Stage stage;
    private final IntConsumer exitStatus;
    private boolean firstJobRan;
    private String atOpening;

    /** {@code exitStatus} takes the process's exit status when {@code --screenshot} ends the program. */
    Startup(AppContext context, UiOptions options, MainWindow window, Stage stage, IntConsumer exitStatus) {
        this.context = context;
        this.options = options;
        this.window = window;
        this.stage = stage;
        this.exitStatus = exitStatus;
    }

    void begin() {
        chooseLibtorch();
        // What opening said (a settings file passed over, a libtorch setting not usable): the first job clears the
        // status line as it starts, so it is said again after that job's own message.
        atOpening = context.state().statusProperty().get();
        context.state().setThreshold(Threshold.topK(options.top()));
        JobHandle first = null;
        if (options.session() != null) {
            first = context.models().sessions().open(options.session());
        } else if (options.model() != null) {
            context.state().chooseModel(options.model());
            context.state().chooseDevice(options.device());
            if (options.prompts() != null) {
                first = context.models().run().run(new RunRequest(options.model(), options.prompts(), options.device()));
            } else {
                context.state().say("Choose a prompt file, then press Run EAP.");
            }
        } else {
            Optional<RunRequest> builtIn = context.locations().defaultRun();
            if (builtIn.isPresent()) {
                RunRequest r = builtIn.get();
                first = context.models().run().run(new RunRequest(r.modelDir(), r.promptFile(), options.device()));
            }
        }
        firstJobRan = first != null;
        if (first == null) {
            afterFirstJob();
        } else {
            first.whenDone(() -> Platform.runLater(this::afterFirstJob));
        }
    }

    /** Before any model loads: libtorch is loaded once per run, from --libtorch, the environment or the window's setting. */
    private void chooseLibtorch() {
        LibtorchChoice libtorch = context.models().libtorch().chooseAtStart(options.libtorch(), System.getenv(),
                DjlRuntime.djlPytorchCache());
        try {
            DjlRuntime.useLibtorch(libtorch);
        } catch (IllegalStateException e) {
            context.state().say(e.getMessage());
        }
        // A cached CUDA build passed over (at the choice or when it failed to load on the worker) is said in the status bar.
        DjlRuntime.onNotice(line -> Platform.runLater(() -> context.state().say(line)));
    }

    private void afterFirstJob() {
        String now = context.state().statusProperty().get();
        if (firstJobRan && atOpening != null && !atOpening.isBlank() && !now.contains(atOpening)) {
            context.state().say(now.isBlank() ? atOpening : now + " · " + atOpening);
        }
        // What the window computed on its own at start is no work of the user's: quitting right away asks nothing.
        context.models().sessions().markSaved();
        if (options.selectTop()) {
            context.models().circuits().selectNext();
        }
        if (options.saveSession() != null) {
            if (context.models().sessions().canSave()) {
                context.models().sessions().save(options.saveSession());
            } else {
                System.err.println("error: no session written to " + options.saveSession() + ": there is no result" + because());
            }
        }
        Path screenshot = options.screenshot();
        if (screenshot == null) {
            return;
        }
        // A session or run that failed leaves no result: a picture of an empty window would look like success to a script.
        if (firstJobRan && context.state().result() == null) {
            System.err.println("error: no screenshot written: " + (options.session() != null
                    ? "the session " + options.session() + " could not be opened" : "the EAP run failed") + because());
            exitStatus.accept(1);
            stage.hide();
            Platform.exit();
            return;
        }
        // Let a couple of pulses lay out and paint the new result before taking the picture.
        PauseTransition settle = new PauseTransition(Duration.millis(600));
        settle.setOnFinished(e -> {
            try {
                window.snapshotTo(screenshot);
                System.err.println("wrote " + screenshot.toAbsolutePath());
            } catch (Exception ex) {
                System.err.println("error: screenshot: " + ErrorReporter.describe(ex));
                exitStatus.accept(1);
            }
            stage.hide();
            Platform.exit();
        });
        settle.play();
    }

    /** The status line, which says why a job failed (a run that came out NaN, a file that could not be read), in brackets. */
    private String because() {
        String why = context.state().statusProperty().get();
        return why == null || why.isBlank() ? "" : " (" + why + ")";
    }
}
