package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.Qkv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {

    @TempDir
    Path dir;

    static GroundTruth sample() {
        return new GroundTruth("toy", "by hand",
                Map.of("previous_token", List.of("a0.h1"), "induction", List.of("a1.h0")),
                Map.of("a0.h1", Map.of("previous_token", 0.9)),
                Map.of("none", Map.of("loss", 0.01)),
                List.of(GroundTruth.Edge.parse("a0.h1->a1.h0<k>", "K-composition", "ablation"),
                        GroundTruth.Edge.parse("a1.h0->logits", "", ""),
                        GroundTruth.Edge.parse("input->m0", "", "")));
    }

    @Test
    void roundTrips() throws Exception {
        Path file = dir.resolve("truth.json");
        GroundTruth truth = sample();
        truth.write(file);
        GroundTruth back = GroundTruth.read(file);
        assertEquals(truth, back);
        GroundTruth.Edge k = back.edges().get(0);
        assertEquals("a0.h1", k.from());
        assertEquals("a1.h0", k.to());
        assertEquals(Qkv.K, k.qkv());
        assertNull(back.edges().get(1).qkv());
        assertEquals("logits", back.edges().get(1).to());
        assertTrue(Files.readString(file).contains("\"qkv\": \"k\""));
        assertEquals(List.of("a0.h1->a1.h0<k>", "a1.h0->logits", "input->m0"), back.edgeNames());
    }

    @Test
    void edgesResolveInTheirGraphAndNotInAnother() {
        GraphIndex graph = GraphIndex.of(2, 2);
        int[] idx = sample().edgeIndices(graph);
        assertEquals("a0.h1->a1.h0<k>", graph.edgeName(idx[0]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sample().edgeIndices(GraphIndex.of(1, 2)));
        assertTrue(e.getMessage().contains("a0.h1->a1.h0<k>") && e.getMessage().contains("toy"), e.getMessage());
    }

    @Test
    void namesOnlyAndAcdcNamesAreEnough() throws Exception {
        Path file = dir.resolve("acdc.json");
        Files.writeString(file, """
                {"model": "gpt2", "derivation": "ACDC", "head_classes": {"name mover": ["a9.9"]},
                 "edges": [{"from": "a9.9", "to": "logits", "qkv": null, "name": "a9.9->logits", "eapig_name": "a9.h9->logits"},
                           {"name": "a0.1->a7.3<k>"}, {"name": "m0->a1.h2<v>", "qkv": "v"}]}
                """);
        GroundTruth truth = GroundTruth.read(file);
        assertEquals(List.of("a9.h9->logits", "a0.h1->a7.h3<k>", "m0->a1.h2<v>"), truth.edgeNames());
        assertEquals(List.of("a9.h9"), truth.headClasses().get("name mover"));
        assertEquals(Qkv.K, truth.edges().get(1).qkv());
        assertTrue(truth.headScores().isEmpty() && truth.ablation().isEmpty());
    }

    @Test
    void badFilesSayWhatIsWrongAndWhere() throws Exception {
        assertMessage("{\"derivation\": \"x\", \"edges\": []}", "missing \"model\"");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\"}", "missing \"edges\"");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"edges\": [{\"role\": \"r\"}]}", "missing \"edges[0].name\"");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"edges\": [{\"name\": \"a0.h0-a1.h1\"}]}", "edges[0]: \"a0.h0-a1.h1\" is not an edge name");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"edges\": [{\"name\": \"a0.h0->a1.h1<k>\", \"qkv\": \"x\"}]}", "\"edges[0].qkv\" must be");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"edges\": [{\"name\": \"a0.h0->a1.h1<k>\", \"qkv\": \"q\"}]}",
                "does not match from/to/qkv");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"edges\": [{\"name\": \"a0.h0->m1\"}, {\"name\": \"a0.h0->m1\"}]}", "listed twice");
        assertMessage("{\"model\": \"m\", \"derivation\": \"x\", \"head_scores\": {\"a0.h0\": {\"x\": \"high\"}}, \"edges\": []}",
                "\"head_scores.a0.h0.x\" must be a number");
        assertMessage("[1, 2]", "expected a JSON object");
        assertMessage("{not json", "not valid JSON");
        IOException missing = assertThrows(IOException.class, () -> GroundTruth.read(dir.resolve("nope.json")));
        assertTrue(missing.getMessage().contains("no such ground-truth file"));
    }

    private void assertMessage(String json, String expected) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, json);
        IOException e = assertThrows(IOException.class, () -> GroundTruth.read(file), json);
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains(expected), e.getMessage());
    }
}
