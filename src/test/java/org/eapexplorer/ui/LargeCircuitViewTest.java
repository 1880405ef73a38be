package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.graph.GraphView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** GPT-2 small's graph (32,491 edges) with random scores: the cached edge layer and the counts at large thresholds. */
@ExtendWith(ApplicationExtension.class)
class LargeCircuitViewTest {

    private AppState state;
    private CircuitViewModel circuits;
    private GraphView graph;

    @Start
    void start(Stage stage) {
        state = new AppState();
        circuits = new CircuitViewModel(state);
        graph = new GraphView(state, circuits);
        stage.setScene(new Scene(graph, 900, 600));
        stage.show();
        GraphIndex index = GraphIndex.of(12, 12);
        float[] scores = new float[index.edgeCount()];
        Random random = new Random(3);
        for (int e = 0; e < scores.length; e++) {
            scores[e] = (float) (random.nextGaussian() * Math.exp(2 * random.nextGaussian()) * 1e-3);
        }
        state.setHideUnconnected(false);
        state.showResult(new AnalysisResult(Path.of("gpt2-shaped"), null, "random", MetricKind.LOGIT_DIFF, 0, "",
                new EdgeScores(index, scores), 0, 0, 0, 0));
    }

    @Test
    void drawsTwoThousandAndAllEdgesThroughTheEdgeLayer() throws Exception {
        fxRun(() -> state.setThreshold(Threshold.topK(2000)));
        assertEquals(2000, graph.drawnEdgeCount());
        long rasterised = graph.edgeRasterisations();
        assertTrue(rasterised >= 1, "2,000 edges go through the cached edge layer");
        int[] colours = fx(() -> ExplorerWindowTest.countColours(graph.canvas().snapshot(null, null)));
        assertTrue(colours[0] > 500 && colours[1] > 500, "both signs drawn: " + colours[0] + " red, " + colours[1] + " blue");

        // Selecting and stepping repaint highlights over the cached edges, without rasterising them again.
        fxRun(() -> state.select(circuits.ranking().edgeAt(0)));
        fxRun(circuits::selectNext);
        assertEquals(circuits.ranking().edgeAt(1), state.selectedEdge());
        assertEquals(rasterised, graph.edgeRasterisations());

        fxRun(() -> state.setThreshold(Threshold.topK(32_491)));
        assertEquals(32_491, graph.drawnEdgeCount());
        assertEquals(rasterised + 1, graph.edgeRasterisations());
        fxRun(() -> state.setHideUnconnected(true));
        assertEquals(circuits.circuit().edgeCount(), graph.drawnEdgeCount());
    }

    @Test
    void zoomingReRasterisesAtTheNewScale() throws Exception {
        fxRun(() -> state.setThreshold(Threshold.topK(1000)));
        long before = graph.edgeRasterisations();
        double scale = graph.viewport().scale();
        fxRun(() -> graph.zoom(1.25));
        assertEquals(scale * 1.25, graph.viewport().scale(), 1e-9);
        assertEquals(before + 1, graph.edgeRasterisations());
        fxRun(graph::fitToWindow);
        assertEquals(scale, graph.viewport().scale(), 1e-9);
    }
}
