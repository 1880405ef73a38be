package org.eapexplorer.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CircuitExportTest {

    private static final GraphIndex G = GraphIndex.of(2, 3);

    @TempDir
    Path dir;

    private static ScoreFile source(EdgeScores scores) {
        return new ScoreFile("models/gpt2-small", "ioi.jsonl", "logit_diff", 20, "CPU", 3.25, Double.NaN,
                Map.of("eap", 12.5), scores);
    }

    @Test
    void jsonRoundTripsThroughScoreJsonWithInGraphFlags() throws Exception {
        EdgeScores scores = Fixtures.random(G, 8);
        scores.scores()[3] = Float.NaN; // an unscored edge survives as null
        Circuit c = Circuit.of(ScoreRanking.of(scores), new Cut.TopK(25), true);
        Path out = dir.resolve("circuit.json");
        assertEquals(ExportFormat.JSON, CircuitExport.write(out, c, source(scores), PaintStyle.defaults(), 1));

        ScoreFile back = ScoreJson.read(out);
        assertArrayEquals(scores.scores(), back.scores().scores());
        assertEquals("logit_diff", back.metric());
        assertEquals(3.25, back.metricClean());

        JsonObject root = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject cfg = root.getAsJsonObject("cfg");
        assertEquals(2, cfg.get("n_layers").getAsInt());
        assertEquals(3, cfg.get("n_heads").getAsInt());
        assertFalse(cfg.get("parallel_attn_mlp").getAsBoolean());
        JsonObject edges = root.getAsJsonObject("edges");
        assertEquals(G.edgeCount(), edges.size());
        for (int e = 0; e < G.edgeCount(); e++) {
            assertEquals(c.hasEdge(e), edges.getAsJsonObject(G.edgeName(e)).get("in_graph").getAsBoolean(), G.edgeName(e));
        }
        JsonObject nodes = root.getAsJsonObject("nodes");
        EdgeTable t = c.table();
        assertEquals(t.nodeCount(), nodes.size());
        for (int n = 0; n < t.nodeCount(); n++) {
            // An object, as EAP-IG's current to_json writes and from_json reads a node (see ScoreJsonTest).
            assertEquals(c.hasNode(n), nodes.getAsJsonObject(t.nodeName(n)).get("in_graph").getAsBoolean(), t.nodeName(n));
        }
        assertEquals(25, root.getAsJsonObject("circuit").get("top_k").getAsInt());
        assertEquals(c.edgeCount(), root.getAsJsonObject("circuit").get("edges_in_graph").getAsInt());
    }

    /** An attention-only graph (no m{l}) goes through every export, and its JSON reads back as attention-only. */
    @Test
    void attentionOnlyCircuitsExportAndReadBack() throws Exception {
        GraphIndex g = GraphIndex.attentionOnly(3, 4);
        EdgeScores scores = Fixtures.random(g, 5);
        Circuit c = Circuit.of(ScoreRanking.of(scores), new Cut.TopK(20), true);
        for (String name : List.of("c.json", "c.dot", "c.svg", "c.png", "c.pdf", "c.csv")) {
            CircuitExport.write(dir.resolve(name), c, source(scores), PaintStyle.defaults(), 1);
            assertTrue(Files.size(dir.resolve(name)) > 0, name);
        }
        JsonObject root = JsonParser.parseString(Files.readString(dir.resolve("c.json"))).getAsJsonObject();
        assertTrue(root.getAsJsonObject("cfg").get("attn_only").getAsBoolean());
        ScoreFile back = ScoreJson.read(dir.resolve("c.json"));
        assertTrue(back.scores().graph().sameShape(g));
        assertArrayEquals(scores.scores(), back.scores().scores());
        assertFalse(Files.readString(dir.resolve("c.dot")).contains("\"m0\""));
    }

    @Test
    void dotHasTheKeptNodesEdgesAndARankPerRow() throws Exception {
        Circuit c = Circuit.of(ScoreRanking.of(Fixtures.random(G, 8)), new Cut.TopK(30), true);
        Path out = dir.resolve("circuit.dot");
        CircuitExport.write(out, c, null, PaintStyle.defaults(), 1);
        List<String> lines = Files.readAllLines(out);
        assertTrue(lines.get(0).startsWith("digraph"));
        assertEquals("}", lines.get(lines.size() - 1));
        Set<String> edgeLines = new HashSet<>();
        for (String line : lines) {
            if (line.contains(" -> ")) {
                String pair = line.trim().substring(0, line.trim().indexOf(" ["));
                assertTrue(line.contains("penwidth=") && line.contains("color=\"#"), line);
                edgeLines.add(pair + (line.contains("headlabel=") ? line.substring(line.indexOf("headlabel=") + 10, line.indexOf("headlabel=") + 13) : ""));
            }
        }
        EdgeTable t = c.table();
        Set<String> expected = new HashSet<>();
        c.edges().forEach(e -> {
            var qkv = t.receiverId(t.receiver(e)).qkv();
            expected.add("\"" + t.nodeName(t.from(e)) + "\" -> \"" + t.nodeName(t.toNode(e)) + "\""
                    + (qkv == null ? "" : "\"" + qkv.name().toLowerCase() + "\""));
        });
        assertEquals(expected, edgeLines);
        long rankGroups = lines.stream().filter(l -> l.contains("rank=same")).count();
        assertTrue(rankGroups >= 3, "input, some layer, logits");
        String text = String.join("\n", lines);
        c.nodes().forEach(n -> assertTrue(text.contains("\"" + t.nodeName(n) + "\";"), t.nodeName(n)));
    }

    @Test
    void csvHasEveryEdgeWithRankAndFlag() throws Exception {
        EdgeScores scores = Fixtures.random(G, 8);
        Circuit c = Circuit.topK(ScoreRanking.of(scores), 17);
        Path out = dir.resolve("edges.csv");
        CircuitExport.write(out, c, null, PaintStyle.defaults(), 1);
        List<String> lines = Files.readAllLines(out);
        assertEquals(1 + G.edgeCount(), lines.size());
        assertEquals(EdgeCsv.HEADER, lines.get(0));
        Set<Integer> ranks = new HashSet<>();
        int inGraph = 0;
        for (int e = 0; e < G.edgeCount(); e++) {
            String[] f = lines.get(e + 1).split(",", -1);
            assertEquals(8, f.length, lines.get(e + 1));
            assertEquals(G.edgeName(e), f[0]);
            assertEquals(scores.score(e), Float.parseFloat(f[4]));
            assertEquals(Math.abs(scores.score(e)), Float.parseFloat(f[5]));
            ranks.add(Integer.parseInt(f[6]));
            inGraph += Boolean.parseBoolean(f[7]) ? 1 : 0;
        }
        assertEquals(17, inGraph);
        assertEquals(G.edgeCount(), ranks.size());
        assertTrue(lines.contains("input->a0.h1<k>,input,a0.h1,k," + scores.score("input->a0.h1<k>") + ","
                + Math.abs(scores.score("input->a0.h1<k>")) + "," + (c.ranking().rank(G.edgeIndex("input->a0.h1<k>").getAsInt()) + 1)
                + "," + c.hasEdge(G.edgeIndex("input->a0.h1<k>").getAsInt())));
    }

    @Test
    void unknownExtensionsAreRejectedWithTheSupportedList() {
        Circuit c = Circuit.topK(ScoreRanking.of(Fixtures.random(G, 8)), 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CircuitExport.write(dir.resolve("graph.eps"), c, null, PaintStyle.defaults(), 1));
        assertTrue(e.getMessage().contains(".svg, .png, .pdf, .json, .dot, .gv, .csv"), e.getMessage());
        assertEquals(ExportFormat.PDF, ExportFormat.forFile(Path.of("Fig.PDF")).orElseThrow());
        assertEquals(ExportFormat.DOT, ExportFormat.forFile(Path.of("x/Graph.GV")).orElseThrow());
        assertTrue(ExportFormat.forFile(Path.of("noextension")).isEmpty());
    }
}
