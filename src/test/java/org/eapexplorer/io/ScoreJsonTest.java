package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoreJsonTest {

    @TempDir
    Path dir;

    @Test
    void roundTripsEveryScoreExactly() throws IOException {
        GraphIndex g = GraphIndex.of(12, 12);
        float[] s = new float[g.edgeCount()];
        Random random = new Random(7);
        for (int i = 0; i < s.length; i++) {
            s[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(8) - 6));
        }
        Path f = dir.resolve("scores.json");
        ScoreJson.write(f, new ScoreFile("m", "p.jsonl", "logit_diff", 3, "CPU (2 threads)", 1.5, -0.25, Map.of("eap", 12.0), new EdgeScores(g, s)));
        ScoreFile back = ScoreJson.read(f);
        assertArrayEquals(s, back.scores().scores());
        assertEquals(1.5, back.metricClean());
        assertEquals("logit_diff", back.metric());
        JsonObject json = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        assertEquals(32_491, json.getAsJsonObject("edges").size());
        assertEquals(158, json.getAsJsonObject("nodes").size());
        assertTrue(json.getAsJsonObject("edges").getAsJsonObject("a0.h1->a2.h3<q>").get("in_graph").getAsBoolean());
        assertEquals(12, json.getAsJsonObject("cfg").get("n_layers").getAsInt());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    /** EAP-IG's Graph.to_json layout: cfg, nodes, edges with score and in_graph; scores may be null. */
    @Test
    void readsAnEapIgGraphFile() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.append(e == 0 ? "" : ",").append('"').append(g.edgeName(e)).append("\": {\"score\": ")
                    .append(e == 0 ? "null" : Double.toString(e * 0.5)).append(", \"in_graph\": false}");
        }
        Path f = dir.resolve("eapig.json");
        Files.writeString(f, "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1, \"d_model\": 8, \"parallel_attn_mlp\": false}, "
                + "\"nodes\": {}, \"edges\": {" + edges + "}}");
        ScoreFile back = ScoreJson.read(f);
        assertTrue(Float.isNaN(back.scores().score(0)));
        assertEquals(1.0f, back.scores().score(2));
    }

    @Test
    void refusesIncompleteOrForeignFiles() throws IOException {
        Path f = dir.resolve("bad.json");
        Files.writeString(f, "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1}, \"edges\": {\"input->a0.h0<q>\": {\"score\": 1}}}");
        assertTrue(assertThrows(IOException.class, () -> ScoreJson.read(f)).getMessage().contains("is missing (1 of 8 edges present)"));
        Files.writeString(f, "{\"cfg\": {\"n_layers\": 1, \"n_heads\": 1}, \"edges\": {\"a3.h0->logits\": {\"score\": 1}}}");
        assertTrue(assertThrows(IOException.class, () -> ScoreJson.read(f)).getMessage().contains("does not exist in a graph of 1 layers"));
        Files.writeString(f, "[]");
        assertTrue(assertThrows(IOException.class, () -> ScoreJson.read(f)).getMessage().contains("expected a JSON object"));
    }
}
