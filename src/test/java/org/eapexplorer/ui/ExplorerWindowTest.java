package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Point2D;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.graph.GraphView;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The window end to end, headless: EAP on the tiny fixture through the real worker, then threshold, selection, pixels. */
class ExplorerWindowTest extends WindowTest {

    private void runTiny() throws Exception {
        JobHandle handle = fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU)));
        await(handle);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        assertNotNull(app.state().result(), "EAP produced no result");
        assertFalse(app.state().isBusy());
    }

    @Test
    void opensOnAnEmptyStateThatSaysWhatToDo() {
        Label empty = lookup("#emptyState").queryAs(Label.class);
        assertTrue(empty.isVisible());
        assertTrue(empty.getText().contains("Choose a model directory"), empty.getText());
        assertEquals(0, app.window.graphView().drawnEdgeCount());
    }

    @Test
    void theWindowShowsTheOraclesScores() throws Exception {
        runTiny();
        com.google.gson.JsonObject reference = com.google.gson.JsonParser.parseString(
                Files.readString(TINY.resolve("reference.json"))).getAsJsonObject();
        com.google.gson.JsonObject expected = reference.getAsJsonObject("scores");
        double largest = expected.entrySet().stream().mapToDouble(e -> Math.abs(e.getValue().getAsDouble())).max().orElseThrow();
        var scores = app.state().result().scores();
        assertEquals(expected.size(), scores.scores().length);
        for (var e : expected.entrySet()) {
            double want = e.getValue().getAsDouble();
            assertEquals(want, scores.score(e.getKey()), 1e-4 * Math.max(Math.abs(want), 1e-2 * largest), e.getKey());
        }
        assertEquals(reference.get("metric_clean").getAsDouble(), app.state().result().metricClean(), 1e-4);
    }

    @Test
    void runsEapAndDrawsTheThresholdedCircuit() throws Exception {
        runTiny();
        GraphView graph = app.window.graphView();
        int edges = app.state().result().edgeCount();
        assertEquals(75, edges, "tiny-f32 is 2 layers × 3 heads");
        assertFalse(lookup("#emptyState").queryAs(Label.class).isVisible());
        // Default: top 100, clamped to the 75 edges; pruning on.
        assertEquals(fx(() -> app.models().circuits().circuit().edgeCount()), graph.drawnEdgeCount());

        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(10));
        });
        assertEquals(10, graph.drawnEdgeCount());
        assertEquals("10 of 75 edges kept", lookup("#keptCount").queryAs(Label.class).getText());

        // The exact field: type a number and press Enter.
        doubleClickOn("#thresholdField").eraseText(4).write("7").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Threshold.topK(7), app.state().threshold());
        assertEquals(7, graph.drawnEdgeCount());

        // By |score|: the count is a binary search on the ranking.
        ScoreRanking ranking = app.models().circuits().ranking();
        double t = ranking.absAt(19);
        fxRun(() -> app.state().setThreshold(Threshold.score(t)));
        assertEquals(ranking.countAtLeast(t), graph.drawnEdgeCount());
        assertTrue(graph.drawnEdgeCount() >= 20);
        assertEquals(t, app.window.histogramView().drawnThreshold(), 1e-12, "the histogram's ±T follows the slider");

        // Pruning can only remove edges.
        fxRun(() -> app.state().setHideUnconnected(true));
        Circuit pruned = app.models().circuits().circuit();
        assertTrue(pruned.isPruned());
        assertEquals(pruned.edgeCount(), graph.drawnEdgeCount());
        assertTrue(graph.drawnEdgeCount() <= ranking.countAtLeast(t));

        String summary = lookup("#resultSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("CPU") && summary.contains("7 pairs") && summary.contains("75 edges"), summary);
    }

    @Test
    void theSliderMovesTheThreshold() throws Exception {
        runTiny();
        fxRun(() -> app.state().setHideUnconnected(false));
        javafx.scene.control.Slider slider = lookup("#thresholdSlider").queryAs(javafx.scene.control.Slider.class);
        fxRun(() -> slider.setValue(0));
        assertEquals(Threshold.topK(1), app.state().threshold());
        assertEquals(1, app.window.graphView().drawnEdgeCount());
        fxRun(() -> slider.setValue(1));
        assertEquals(75, app.window.graphView().drawnEdgeCount());
    }

    @Test
    void selectsEdgesByClickAndByKeyboard() throws Exception {
        runTiny();
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(5));
        });
        GraphView graph = app.window.graphView();
        ScoreRanking ranking = app.models().circuits().ranking();
        int strongest = ranking.edgeAt(0);
        Point2D target = fx(() -> {
            double[] p = graph.screenPointOnEdge(strongest);
            return graph.canvas().localToScreen(p[0], p[1]);
        });
        moveTo(target);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(strongest, graph.hoveredEdge());
        assertTrue(lookup("#statusText").queryAs(Label.class).getText().startsWith(ranking.graph().edgeName(strongest)));
        clickOn(target);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(strongest, app.state().selectedEdge());
        assertEquals(ranking.graph().edgeName(strongest), lookup("#edgeName").queryAs(Label.class).getText());
        assertTrue(lookup("#edgeRank").queryAs(Label.class).getText().startsWith("1 of 75"));

        type(KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ranking.edgeAt(1), app.state().selectedEdge(), "N steps to the next edge by rank");
        type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ranking.edgeAt(2), app.state().selectedEdge());
        type(KeyCode.P);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(ranking.edgeAt(1), app.state().selectedEdge(), "P steps back");
        type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, app.state().selectedEdge());

        // Clicking empty canvas clears too; a click at the top-left corner hits nothing.
        type(KeyCode.N);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(strongest, app.state().selectedEdge());
        clickOn(fx(() -> graph.canvas().localToScreen(3, 3)));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(-1, app.state().selectedEdge());
    }

    @Test
    void scrollZoomsDragPansAndFitRestores() throws Exception {
        runTiny();
        GraphView graph = app.window.graphView();
        double fitted = graph.viewport().scale();
        Point2D centre = fx(() -> graph.canvas().localToScreen(graph.canvas().getWidth() / 2, graph.canvas().getHeight() / 2));
        moveTo(centre).scroll(3, javafx.geometry.VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(graph.viewport().scale() != fitted, "scrolling zooms");
        double zoomed = graph.viewport().scale();
        double tx = graph.viewport().tx();
        drag(centre.add(0, 0), javafx.scene.input.MouseButton.PRIMARY).moveBy(60, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(tx + 60, graph.viewport().tx(), 2.0, "dragging pans");
        assertEquals(zoomed, graph.viewport().scale(), 1e-12);
        assertEquals(-1, app.state().selectedEdge(), "a drag is not a click");
        clickOn("#fitButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(fitted, graph.viewport().scale(), 1e-9);
    }

    @Test
    void paintsSignedColoursAndRepaintsOnlyOnChange() throws Exception {
        runTiny();
        GraphView graph = app.window.graphView();
        fxRun(() -> {
            app.state().setHideUnconnected(false);
            app.state().setThreshold(Threshold.topK(75));
        });
        long paints = graph.paintCount();
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(200);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(paints, graph.paintCount(), "no change, no paint");

        int[] colours = fx(() -> countColours(graph.canvas().snapshot(null, null)));
        assertTrue(colours[0] > 50, "red (positive) pixels: " + colours[0]);
        assertTrue(colours[1] > 50, "blue (negative) pixels: " + colours[1]);

        fxRun(() -> app.state().setThreshold(Threshold.topK(0)));
        assertTrue(graph.paintCount() > paints);
        int[] none = fx(() -> countColours(graph.canvas().snapshot(null, null)));
        assertEquals(0, none[0] + none[1], "top 0 draws no edges");
    }

    @Test
    void aBadModelDirectoryEndsInAReadableError() throws Exception {
        Path notAModel = Files.createDirectories(tempDir.resolve("not-a-model"));
        JobHandle handle = fx(() -> app.models().run().run(new RunRequest(notAModel, TINY_PROMPTS, ComputeDevice.CPU)));
        await(handle);
        assertEquals(1, app.errors.size(), app.errors.toString());
        String error = app.errors.get(0);
        assertTrue(error.contains("config.json"), error);
        assertFalse(error.contains("Exception") || error.contains("\tat "), error);
        assertFalse(app.state().isBusy());
        assertNull(app.state().result());
    }

    @Test
    void aRunCanBeCancelledWhileTheWindowStaysResponsive() throws Exception {
        Path model = tempDir.resolve("random-6x8");
        if (!Files.exists(model.resolve("config.json"))) {
            org.eapexplorer.training.RandomModelWriter.write(model, new org.eapexplorer.model.ModelConfig(6, 8, 128, 512, 64,
                    50257, 1e-5, org.eapexplorer.model.Activation.GELU_TANH), 1, org.eapexplorer.safetensors.DType.F32,
                    Path.of("assets", "tokenizers", "gpt2"));
        }
        JobHandle handle = fx(() -> app.models().run().run(
                new RunRequest(model, Path.of("sample-prompts", "ioi-acdc.jsonl"), ComputeDevice.CPU)));
        WaitForAsyncUtils.waitFor(120, java.util.concurrent.TimeUnit.SECONDS,
                () -> app.state().jobProperty().get() != null && app.state().jobProperty().get().message().startsWith("EAP on pairs"));
        assertTrue(lookup("#progressBar").query().isVisible());
        assertTrue(lookup("#statusText").queryAs(Label.class).getText().contains("EAP on pairs"));
        // The FX thread is free while the worker computes: a state change round-trips at once.
        long start = System.nanoTime();
        fxRun(() -> app.state().say("still responsive"));
        assertTrue((System.nanoTime() - start) / 1e6 < 2000, "the FX thread answered within 2 s");
        clickOn("#cancelButton");
        await(handle);
        assertTrue(handle.isCancelled());
        assertFalse(app.state().isBusy());
        assertNull(app.state().result());
        assertEquals("Cancelled.", lookup("#statusText").queryAs(Label.class).getText());
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void typingAnInvalidThresholdKeepsTheOldOne() throws Exception {
        runTiny();
        Threshold before = app.state().threshold();
        doubleClickOn("#thresholdField").eraseText(4).write("many").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(before, app.state().threshold());
        assertTrue(lookup("#thresholdField").queryAs(TextField.class).getStyleClass().contains("invalid"));
    }

    /** [red-ish pixels, blue-ish pixels]: the painter draws positive edges red and negative ones blue. */
    static int[] countColours(WritableImage image) {
        PixelReader pixels = image.getPixelReader();
        int red = 0;
        int blue = 0;
        for (int y = 0; y < (int) image.getHeight(); y++) {
            for (int x = 0; x < (int) image.getWidth(); x++) {
                int argb = pixels.getArgb(x, y);
                int r = argb >> 16 & 0xff;
                int g = argb >> 8 & 0xff;
                int b = argb & 0xff;
                if (r > b + 60 && r > g + 40) {
                    red++;
                } else if (b > r + 60 && b > g + 10) {
                    blue++;
                }
            }
        }
        return new int[] {red, blue};
    }
}
