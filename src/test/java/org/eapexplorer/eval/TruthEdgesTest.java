package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TruthEdgesTest {

    @Test
    void publishedGpt2CircuitsResolveWithTheirStatedCounts() throws IOException {
        GraphIndex gpt2 = GraphIndex.of(12, 12);
        TruthEdges ioi = TruthEdges.read(Path.of("assets/groundtruth/ioi.json"), gpt2);
        assertEquals(963, ioi.edges().cardinality());
        assertEquals(78, ioi.directReceivers().cardinality());
        assertEquals(3, ioi.headClasses().get("name mover").size());
        assertTrue(ioi.headClasses().get("name mover").contains("a9.h9"));
        assertTrue(ioi.edges().get(gpt2.edgeIndex("a9.h9->logits").getAsInt()));
        TruthEdges gt = TruthEdges.read(Path.of("assets/groundtruth/greaterthan.json"), gpt2);
        assertEquals(235, gt.edges().cardinality());
        assertEquals(27, gt.directReceivers().cardinality());
    }

    /**
     * ACDC's docstring circuit on attn-only-4l: 24 residual edges of the 1,281, and 13 q/k/v input → q/k/v edges
     * that only ACDC's convention counts, in a universe of 1,281 + 4·8·3 = 1,377 edges (the counts the file states).
     */
    @Test
    void docstringCircuitResolvesOnTheAttentionOnlyGraph() throws IOException {
        GraphIndex g = GraphIndex.attentionOnly(4, 8);
        TruthEdges docstring = TruthEdges.read(Path.of("assets/groundtruth/docstring.json"), g);
        assertEquals(24, docstring.edges().cardinality());
        assertEquals(13, docstring.directReceivers().cardinality());
        assertTrue(docstring.edges().get(g.edgeIndex("a0.h5->a1.h2<k>").getAsInt()));
        assertTrue(docstring.directReceivers().get(g.receiverIndex("a3.h6<q>").getAsInt()));
        for (int e = docstring.edges().nextSetBit(0); e >= 0; e = docstring.edges().nextSetBit(e + 1)) {
            int r = g.receiverOf(e);
            assertTrue(g.receivers().get(r).qkv() == null || docstring.directReceivers().get(r),
                    "every true edge into a head enters a receiver whose own q/k/v edge is true too: " + g.edgeName(e));
        }
        float[] scores = new float[g.edgeCount()];
        RocCurve acdc = EdgeRoc.edges(new EdgeScores(g, scores), docstring.edges(), docstring.directReceivers(), RocConvention.ACDC);
        assertEquals(37, acdc.positives());
        assertEquals(1377, acdc.positives() + acdc.negatives());
        RocCurve residual = EdgeRoc.edges(new EdgeScores(g, scores), docstring.edges(), docstring.directReceivers(), RocConvention.AUTO_CIRCUIT);
        assertEquals(1281, residual.positives() + residual.negatives());
    }

    @Test
    void docstringCircuitNeedsItsOwnModelShape() throws IOException {
        IOException e = assertThrows(IOException.class, () -> TruthEdges.read(Path.of("assets/groundtruth/docstring.json"), GraphIndex.of(2, 2)));
        assertTrue(e.getMessage().contains("is not an edge of a graph of 2 layers × 2 heads"), e.getMessage());
    }

    @Test
    void acdcNamesBecomeEapNames() {
        assertEquals("a11.h10<q>", TruthEdges.eapNodeName("a11.10<q>_input"));
        assertEquals("a9.h9", TruthEdges.eapNodeName("a9.9"));
        assertEquals("m3", TruthEdges.eapNodeName("m3"));
    }

    @Test
    void badFilesAreRefused(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"model\": \"m\", \"edges\": 3}");
        String message = assertThrows(IOException.class, () -> TruthEdges.read(f, GraphIndex.of(1, 1))).getMessage();
        assertTrue(message.startsWith(f.toString()), message);
    }
}
