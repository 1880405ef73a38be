package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

class CircuitPainterTest {

    private static final GraphIndex G = GraphIndex.of(3, 4);

    @Test
    void drawsEachKeptEdgeOnceWeakestFirstWithWidthByScore() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 3)), 60);
        RecordingCanvas canvas = new RecordingCanvas();
        CircuitPainter.paint(canvas, GraphLayout.of(G), c, PaintStyle.defaults(), Selection.NONE);
        List<RecordingCanvas.Op> edges = canvas.inGroup("edge");
        assertEquals(60, edges.size());
        assertTrue(edges.stream().allMatch(o -> o.op().equals("cubic")));
        for (int i = 1; i < edges.size(); i++) {
            assertTrue(edges.get(i).width() >= edges.get(i - 1).width(), "weakest first");
        }
        assertEquals(PaintStyle.defaults().maxEdgeWidth(), edges.get(59).width(), 1e-9);
        assertTrue(edges.get(0).width() >= PaintStyle.defaults().minEdgeWidth());
        String strongest = G.edgeName(c.ranking().edgeAt(0));
        assertTrue(edges.get(59).title().startsWith(strongest + " "), edges.get(59).title());
        Set<String> titles = edges.stream().map(o -> o.title().substring(0, o.title().indexOf(' '))).collect(Collectors.toSet());
        assertEquals(c.edges().mapToObj(G::edgeName).collect(Collectors.toSet()), titles);
    }

    @Test
    void colourFollowsTheSign() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.withEdges(G, Map.of("input->m0", 1f, "m0->logits", -1f))), 2);
        RecordingCanvas canvas = new RecordingCanvas();
        CircuitPainter.paint(canvas, GraphLayout.of(G), c, PaintStyle.defaults().withCurved(false), Selection.NONE);
        for (RecordingCanvas.Op op : canvas.inGroup("edge")) {
            assertEquals("line", op.op());
            boolean positive = op.title().startsWith("input->m0");
            assertTrue(positive == op.color().red() > op.color().blue(), op.title() + " " + op.color());
        }
    }

    @Test
    void keptNodesAreLabelledAndHiddenNodesFaint() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.withEdges(G, Map.of("input->a0.h0<q>", 1f, "a0.h0->logits", 0.5f))), 2);
        RecordingCanvas canvas = new RecordingCanvas();
        PaintStyle style = PaintStyle.defaults();
        CircuitPainter.paint(canvas, GraphLayout.of(G), c, style, Selection.NONE);
        Set<String> kept = canvas.inGroup("node").stream().filter(o -> o.op().equals("text")).map(RecordingCanvas.Op::text)
                .collect(Collectors.toSet());
        assertEquals(Set.of("input", "a0.h0", "logits"), kept);
        assertEquals(G.upstreamCount() + 1 - 3, canvas.inGroup("node hidden").stream().filter(o -> o.op().equals("text")).count());
        assertTrue(canvas.inGroup("node hidden").stream().allMatch(o -> o.color().equals(style.hiddenNode())));
        RecordingCanvas bare = new RecordingCanvas();
        CircuitPainter.paint(bare, GraphLayout.of(G), c, style.withShowHiddenNodes(false), Selection.NONE);
        assertTrue(bare.inGroup("node hidden").isEmpty());
        assertEquals("fillRect", canvas.ops.get(0).op(), "background first");
    }

    @Test
    void selectedEdgeIsDrawnLastWithAHaloEvenOutsideTheCircuit() {
        ScoreRanking r = ScoreRanking.of(Fixtures.random(G, 4));
        Circuit c = Circuit.topK(r, 10);
        int outside = r.edgeAt(100);
        int inside = r.edgeAt(5);
        RecordingCanvas canvas = new RecordingCanvas();
        CircuitPainter.paint(canvas, GraphLayout.of(G), c, PaintStyle.defaults(), new Selection(outside, inside));
        List<RecordingCanvas.Op> selection = canvas.inGroup("selection");
        assertEquals(2, selection.size(), "halo, then the edge");
        assertEquals(PaintStyle.defaults().selection(), selection.get(0).color());
        assertTrue(selection.get(0).width() > selection.get(1).width());
        assertTrue(selection.get(0).title().startsWith(G.edgeName(outside)));
        assertEquals(2, canvas.inGroup("hover").size());
        int lastEdge = canvas.ops.lastIndexOf(canvas.inGroup("edge").get(9));
        assertTrue(canvas.ops.indexOf(selection.get(0)) > lastEdge);
        assertEquals(10, canvas.inGroup("edge").size(), "highlighting adds no edge items");
    }

    @Test
    void rejectsALayoutOfAnotherModel() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 1)), 3);
        assertThrows(IllegalArgumentException.class,
                () -> CircuitPainter.paint(new RecordingCanvas(), GraphLayout.of(GraphIndex.of(2, 2)), c, PaintStyle.defaults(), Selection.NONE));
    }
}
