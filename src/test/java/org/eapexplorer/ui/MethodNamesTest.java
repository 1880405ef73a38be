package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.ui.run.InstallLocations;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/**
 * Scores made by EAP-IG are called EAP-IG's wherever the window names them: the scatter's x axis, the hybrid grid's
 * baseline, the faithfulness curve, the ROC legend, the question before a new run and the question before quitting
 * (issue 26, item 2). On the built-in model, run by EAP-IG in the window.
 */
class MethodNamesTest extends WindowTest {

    private static final MethodSpec IG = new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 3);

    private AnalysisResult runIg() throws Exception {
        InstallLocations project = new InstallLocations(List.of(Path.of("").toAbsolutePath()));
        org.junit.jupiter.api.Assumptions.assumeTrue(project.defaultRun().isPresent(), "no built-in model in this checkout");
        RunRequest builtIn = project.defaultRun().get();
        await(fx(() -> app.models().run().run(new RunRequest(builtIn.modelDir(), builtIn.promptFile(), builtIn.device(), IG))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertEquals(IG, app.state().result().method());
        return app.state().result();
    }

    /** The texts of an exported SVG figure, one string. */
    private String svg(String name, java.util.concurrent.Callable<org.eapexplorer.jobs.JobHandle> export) throws Exception {
        await(fx(export));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        return Files.readString(tempDir.resolve(name)).replace("&amp;", "&").replace("&#39;", "'").replace("&apos;", "'");
    }

    @Test
    void everyFigureAndQuestionNamesEapIgAsTheMethodOfItsScores() throws Exception {
        runIg();
        await(fx(() -> app.models().patching().patchTopN(8)));
        String scatter = svg("s.svg", () -> app.models().patching().exportScatter(tempDir.resolve("s.svg"), 1));
        assertTrue(scatter.contains("EAP-IG (inputs) score"), "the scatter's x axis names EAP-IG");
        assertFalse(scatter.contains(">EAP score<"), "no axis says EAP");
        assertTrue(fx(() -> app.models().patching().pointDescription(0)).contains("EAP-IG (inputs) "),
                fx(() -> app.models().patching().pointDescription(0)));

        // Issue 26, item 12: while the grid runs, its empty figure says so rather than "press Run hybrid".
        Object[] started = fx(() -> {
            org.eapexplorer.jobs.JobHandle h = app.models().hybrid().compute(new int[] {10, 30}, new double[] {0.01}, AcdcScore.KL);
            return new Object[] {h, app.models().hybrid().problem()};
        });
        String whileRunning = (String) started[1];
        assertTrue(whileRunning != null && whileRunning.contains("running"), String.valueOf(whileRunning));
        RecordingCanvas empty = new RecordingCanvas();
        org.eapexplorer.ui.eval.HybridPainter.paint(empty, null, "EAP-IG (inputs)", whileRunning, 900, 400);
        assertTrue(empty.texts.stream().noneMatch(t -> t.text().contains("press")), empty.texts.toString());
        await((org.eapexplorer.jobs.JobHandle) started[0]);
        assertEquals(null, fx(() -> app.models().hybrid().problem()), "done: nothing stands in the way");
        String hybrid = svg("h.svg", () -> app.models().hybrid().export(tempDir.resolve("h.svg"), 1));
        assertTrue(hybrid.contains("EAP-IG (inputs) alone"), "the hybrid's baseline names EAP-IG");
        assertFalse(hybrid.contains("EAP alone"), "and not EAP");

        await(fx(() -> app.models().eval().computeFaithfulness()));
        String faith = svg("f.svg", () -> app.models().eval().exportFaithfulness(tempDir.resolve("f.svg"), 1));
        assertTrue(faith.contains("EAP-IG (inputs)'s top-k circuits"), "the faithfulness curve names EAP-IG");
        assertFalse(faith.contains("EAP's top-k"));

        String roc = svg("r.svg", () -> app.models().eval().exportRoc(tempDir.resolve("r.svg"), 1));
        assertTrue(roc.contains("EAP-IG (inputs) edges"), "the ROC curve names EAP-IG");

        // A new run now would throw the grid away: the question names the method it would run, here EAP-IG again.
        app.questions.confirmAnswer = false;
        fx(() -> app.models().run().run());
        String asked = app.questions.asked.get(app.questions.asked.size() - 1);
        assertTrue(asked.startsWith("Run EAP-IG (inputs) again?"), asked);
        assertEquals("Run EAP-IG (inputs)", app.questions.lastAction);

        fx(() -> app.window.mayClose());
        String quit = app.questions.asked.get(app.questions.asked.size() - 1);
        assertTrue(quit.contains("the EAP-IG (inputs) scores"), quit);
        assertFalse(quit.contains("the EAP scores"), quit);
    }
}
