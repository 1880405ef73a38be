package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.eapexplorer.AppContext;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.DirectTaskExecutor;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RecentModels;
import org.eapexplorer.ui.run.RunEapJob;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;

/**
 * The Run panel's method choice: what the user picks (and the steps, for EAP-IG) is what the job is asked to compute,
 * and the window says which method made the scores on screen. The model worker here records the submitted job instead
 * of running it, so the test reads the request itself.
 */
class MethodChoiceTest extends ApplicationTest {

    @TempDir
    static Path tempDir;

    private final List<BackgroundJob<?>> submitted = new CopyOnWriteArrayList<>();
    private AppContext context;
    private Scene scene;

    /** Keeps each job; answers with an empty job that never reports back, as a queue that has not got to it yet. */
    private final class RecordingExecutor implements TaskExecutor {
        private final DirectTaskExecutor direct = new DirectTaskExecutor();

        @Override
        public <T> JobHandle submit(String title, BackgroundJob<T> job, JobListener<T> listener) {
            submitted.add(job);
            return direct.submit(title, c -> null, new JobListener<Object>() {
                @Override
                public void succeeded(Object value) {
                }

                @Override
                public void failed(Throwable error) {
                }
            });
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void start(Stage stage) {
        List<String> errors = new CopyOnWriteArrayList<>();
        context = new AppContext(new RecordingExecutor(), new DirectTaskExecutor(),
                (title, error) -> errors.add(title), new ScriptedQuestions(), new RecentModels(tempDir.resolve("recent.txt")),
                new InstallLocations(List.of(tempDir)));
        MainWindow window = new MainWindow(context.models(), () -> stage);
        scene = new Scene(window.root(), 1100, 720);
        scene.getStylesheets().add(MainWindow.class.getResource(MainWindow.STYLESHEET).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close() throws Exception {
        fxRun(context::close);
    }

    @SuppressWarnings("unchecked")
    private ChoiceBox<AttributionMethod> methodBox() {
        return (ChoiceBox<AttributionMethod>) scene.lookup("#methodChoice");
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> stepsSpinner() {
        return (Spinner<Integer>) scene.lookup("#igStepsSpinner");
    }

    private void chooseInputs() throws Exception {
        fxRun(() -> {
            context.models().run().chooseModel(TINY);
            context.models().run().choosePrompts(TINY_PROMPTS);
        });
    }

    @Test
    void eapIsTheDefaultAndItsStepsSpinnerIsDisabled() throws Exception {
        assertEquals(AttributionMethod.EAP, fx(() -> methodBox().getValue()));
        assertEquals(List.of(AttributionMethod.values()), fx(() -> List.copyOf(methodBox().getItems())));
        assertTrue(fx(() -> stepsSpinner().isDisabled()), "steps mean nothing to eap");
        assertEquals(MethodSpec.DEFAULT_IG_STEPS, fx(() -> stepsSpinner().getValue()));
        fxRun(() -> methodBox().setValue(AttributionMethod.CLEAN_CORRUPTED));
        assertTrue(fx(() -> stepsSpinner().isDisabled()), "nor to clean-corrupted");
        fxRun(() -> methodBox().setValue(AttributionMethod.EAP_IG_INPUTS));
        assertFalse(fx(() -> stepsSpinner().isDisabled()), "EAP-IG takes steps");
    }

    @Test
    void theChosenMethodAndStepsReachTheJob() throws Exception {
        chooseInputs();
        fxRun(() -> {
            methodBox().setValue(AttributionMethod.EAP_IG_INPUTS);
            stepsSpinner().getValueFactory().setValue(12);
        });
        clickOn("#runButton");
        assertEquals(1, submitted.size());
        RunEapJob job = assertInstanceOf(RunEapJob.class, submitted.get(0));
        assertEquals(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 12), job.request().method());
        assertTrue(fx(() -> context.state().jobProperty().get().title()).startsWith("EAP-IG (inputs), 12 steps on"));
    }

    @Test
    void stepsTypedForEapIgAreNotSentWithEap() throws Exception {
        chooseInputs();
        fxRun(() -> {
            methodBox().setValue(AttributionMethod.EAP_IG_INPUTS);
            stepsSpinner().getValueFactory().setValue(30);
            methodBox().setValue(AttributionMethod.CLEAN_CORRUPTED);
        });
        clickOn("#runButton");
        RunEapJob job = assertInstanceOf(RunEapJob.class, submitted.get(0));
        assertEquals(MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED), job.request().method());
    }

    @Test
    void theStatusLineAndRunSummaryNameTheResultsMethodAndTheChoiceFollowsIt() throws Exception {
        GraphIndex g = GraphIndex.of(2, 2);
        AnalysisResult r = new AnalysisResult(TINY, TINY_PROMPTS, "prompts.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", new EdgeScores(g,
                new float[g.edgeCount()]), 1, 0, 0, 0, null, "", new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7));
        fxRun(() -> context.state().showResult(r));
        String status = fx(() -> ((Label) scene.lookup("#resultSummary")).getText());
        assertTrue(status.contains("EAP-IG (inputs), 7 steps"), status);
        String summary = fx(() -> ((Label) scene.lookup("#runSummary")).getText());
        assertTrue(summary.startsWith("EAP-IG (inputs), 7 steps"), summary);
        assertEquals(AttributionMethod.EAP_IG_INPUTS, fx(() -> methodBox().getValue()), "a reopened result sets the choice");
        assertEquals(7, fx(() -> stepsSpinner().getValue()));
    }
}
