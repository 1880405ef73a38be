package org.eapexplorer;

import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.eapexplorer.task.JobHandle;
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

    Startup(AppContext context, UiOptions options, MainWindow window, Stage stage) {
        this.context = context;
        this.options = options;
        this.window = window;
        this.stage = stage;
    }

    void begin() {
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
        if (first == null) {
            afterFirstJob();
        } else {
            first.whenDone(() -> Platform.runLater(this::afterFirstJob));
        }
    }

    private void afterFirstJob() {
        // What the window computed on its own at start is no work of the user's: quitting right away asks nothing.
        context.models().sessions().markSaved();
        if (options.selectTop()) {
            context.models().circuits().selectNext();
        }
        if (options.saveSession() != null && context.models().sessions().canSave()) {
            context.models().sessions().save(options.saveSession());
        }
        Path screenshot = options.screenshot();
        if (screenshot == null) {
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
            }
            stage.hide();
            Platform.exit();
        });
        settle.play();
    }
}
