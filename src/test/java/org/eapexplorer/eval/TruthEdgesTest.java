package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
