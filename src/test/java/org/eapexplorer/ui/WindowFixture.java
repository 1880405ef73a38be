package org.eapexplorer.ui;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.eapexplorer.AppContext;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window on the real worker threads, with its files in a temporary directory and errors collected
 * instead of shown, for TestFX tests.
 */
final class WindowFixture {

    static final Path TINY = Path.of("src", "test", "resources", "fixtures", "tiny-f32").toAbsolutePath();
    static final Path TINY_PROMPTS = TINY.resolve("prompts.jsonl");

    final List<String> errors = new CopyOnWriteArrayList<>();
    final ScriptedQuestions questions = new ScriptedQuestions();
    final AppContext context;
    final MainWindow window;
    final Scene scene;

    WindowFixture(Stage stage, Path tempDir) {
        ErrorReporter collect = (title, error) -> errors.add(title + ": " + ErrorReporter.describe(error));
        context = AppContext.create(Platform::runLater, collect, questions, new RecentModels(tempDir.resolve("recent.txt")),
                new InstallLocations(List.of(tempDir)), tempDir.resolve("patch-cache"));
        window = new MainWindow(context.models(), () -> stage);
        scene = new Scene(window.root(), 1100, 720);
        scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    AppState state() {
        return context.state();
    }

    WindowModels models() {
        return context.models();
    }

    /**
     * Runs EAP on the built-in model and its prompts (as the window does at launch) and returns the result;
     * skips the test where this checkout has no built-in model.
     */
    AnalysisResult runBuiltIn() throws Exception {
        InstallLocations project = new InstallLocations(List.of(Path.of("").toAbsolutePath()));
        org.junit.jupiter.api.Assumptions.assumeTrue(project.defaultRun().isPresent(),
                "the built-in model is not installed in this checkout");
        await(fx(() -> models().run().run(project.defaultRun().get())));
        org.junit.jupiter.api.Assertions.assertTrue(errors.isEmpty(), errors.toString());
        return state().result();
    }

    /** Waits, off the FX thread, for a job's outcome to be delivered and the scene to settle. */
    static void await(JobHandle handle) throws Exception {
        handle.await(120, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Runs on the FX thread and waits for the result. */
    static <T> T fx(java.util.concurrent.Callable<T> action) throws Exception {
        return WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
    }

    static void fxRun(Runnable action) throws Exception {
        WaitForAsyncUtils.asyncFx(action).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
