package org.eapexplorer;

import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.eapexplorer.ui.DialogErrorReporter;
import org.eapexplorer.ui.DialogQuestions;
import org.eapexplorer.ui.MainWindow;
import org.eapexplorer.ui.WindowBounds;
import org.eapexplorer.ui.WindowPreferences;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;

/**
 * The JavaFX application. Started by {@link Launcher} (a plain main class, so that {@code java -jar} works with
 * JavaFX on the class path); builds the context, shows the window and runs the start-up action.
 */
public final class App extends Application {

    private UiOptions options;
    private AppContext context;

    @Override
    public void init() {
        options = UiOptions.parse(getParameters().getRaw());
    }

    @Override
    public void start(Stage stage) {
        DialogErrorReporter errors = new DialogErrorReporter(() -> stage);
        context = AppContext.create(Platform::runLater, errors, new DialogQuestions(() -> stage), RecentModels.inUserConfig(), InstallLocations.detect());
        MainWindow window = new MainWindow(context.models(), () -> stage);
        if (options.screenshot() != null) {
            // A screenshot is the same picture whatever the user left the window at last time.
            window.showIn(stage, options.hasSize() ? options.width() : WindowBounds.DEFAULT_WIDTH,
                    options.hasSize() ? options.height() : WindowBounds.DEFAULT_HEIGHT);
        } else {
            window.showRemembered(stage, WindowPreferences.inUserConfig(), options.hasSize() ? options.width() : Double.NaN,
                    options.hasSize() ? options.height() : Double.NaN);
        }
        stage.setOnCloseRequest(e -> {
            if (!window.mayClose()) {
                e.consume();
            }
        });
        new Startup(context, options, window, stage, EXIT_STATUS::set).begin();
    }

    @Override
    public void stop() {
        if (context != null) {
            context.close();
        }
    }

    /**
     * The exit status the window leaves (1 when {@code --screenshot} found nothing to show). Static because JavaFX
     * constructs the Application itself: nothing else carries a value from it back to {@link #launchWindow}.
     */
    private static final AtomicInteger EXIT_STATUS = new AtomicInteger();

    /** Starts the JavaFX runtime with the {@code ui} options; returns the exit status when the window closes. */
    public static int launchWindow(String... args) {
        EXIT_STATUS.set(0);
        Application.launch(App.class, args);
        return EXIT_STATUS.get();
    }
}
