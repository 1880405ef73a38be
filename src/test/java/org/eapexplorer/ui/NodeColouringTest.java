package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.image.WritableImage;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.circuit.NodeColours;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeScores;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.ui.charts.ChartColours;
import org.eapexplorer.ui.graph.GraphView;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;

/** The graph's node-score toggle: nodes filled by their node scores in the sign colours, a legend saying so, details. */
class NodeColouringTest extends WindowTest {

    /** The canvas pixel just inside a node's left border, halfway up (clear of its centred label). */
    private static int pixelInNode(GraphView graph, int node) throws Exception {
        return fx(() -> {
            GraphLayout layout = graph.layoutModel();
            double x = (layout.centerX(node) - layout.width(node) / 2) * graph.viewport().scale() + graph.viewport().tx() + 3;
            double y = layout.centerY(node) * graph.viewport().scale() + graph.viewport().ty();
            graph.paint();
            WritableImage image = graph.canvas().snapshot(null, null);
            return image.getPixelReader().getArgb((int) Math.round(x), (int) Math.round(y));
        });
    }

    private static boolean near(int argb, Rgba expected) {
        return Math.abs((argb >> 16 & 0xff) - expected.red()) <= 6 && Math.abs((argb >> 8 & 0xff) - expected.green()) <= 6
                && Math.abs((argb & 0xff) - expected.blue()) <= 6;
    }

    @Test
    void theToggleFillsNodesByTheirNodeScoresAndTheLegendSaysSo() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        fxRun(() -> app.state().setHideUnconnected(false));
        GraphView graph = app.window.graphView();
        NodeScores nodes = NodeScores.ofEdges(app.state().result().scores());
        GraphIndex g = nodes.graph();
        int strongest = 0;
        for (int u = 1; u < g.upstreamCount(); u++) {
            if (Math.abs(nodes.score(u)) > Math.abs(nodes.score(strongest))) {
                strongest = u;
            }
        }
        int node = strongest;
        Rgba full = nodes.score(node) > 0 ? ChartColours.POSITIVE : ChartColours.NEGATIVE;
        boolean kept = fx(() -> app.models().circuits().circuit().hasNode(node));

        assertNull(graph.nodeColours());
        assertFalse(fx(() -> app.scene.lookup("#legendNodeMeaning").isVisible()));
        int plain = pixelInNode(graph, node);
        assertFalse(near(plain, full), "off: the node is not in a sign colour, " + Integer.toHexString(plain));

        fxRun(() -> ((CheckBox) app.scene.lookup("#colourNodesToggle")).fire());
        NodeColours colours = graph.nodeColours();
        assertEquals(full, colours.fill(node, null), "the largest |node score| takes the full sign colour");
        for (int u = 0; u < g.upstreamCount(); u++) {
            Rgba f = colours.fill(u, null);
            boolean red = f.red() > f.blue();
            boolean blue = f.blue() > f.red();
            assertTrue(nodes.score(u) > 0 ? red : nodes.score(u) < 0 ? blue : !red && !blue, g.upstream().get(u).name() + " " + f);
        }
        assertNull(colours.fill(g.upstreamCount(), null), "logits has no node score");
        int filled = pixelInNode(graph, node);
        assertTrue(near(filled, full), (kept ? "kept" : "hidden") + " node now filled " + Integer.toHexString(filled));
        assertTrue(fx(() -> app.scene.lookup("#legendNodeMeaning").isVisible()));
        assertTrue(fx(() -> ((Label) app.scene.lookup("#legendNodeMeaning")).getText().contains("node score")));

        fxRun(() -> ((CheckBox) app.scene.lookup("#colourNodesToggle")).fire());
        assertEquals(plain, pixelInNode(graph, node), "off again: as before");
    }

    @Test
    void theSelectedEdgesDetailsShowItsNodesScores() throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(TINY, TINY_PROMPTS, ComputeDevice.CPU))));
        NodeScores nodes = NodeScores.ofEdges(app.state().result().scores());
        GraphIndex g = nodes.graph();
        int edge = app.models().circuits().ranking().edgeAt(0);
        fxRun(() -> app.state().select(edge));
        String from = fx(() -> ((Label) app.scene.lookup("#upstreamNodeScore")).getText());
        assertEquals(EdgeDetails.formatScore(nodes.score(g.edge(edge).from().name())), from);
        String to = g.edge(edge).toNode().name();
        String shown = fx(() -> ((Label) app.scene.lookup("#downstreamNodeScore")).getText());
        assertEquals(g.upstreamIndex(to).isPresent() ? EdgeDetails.formatScore(nodes.score(to))
                : "— (logits)", shown);
    }
}
