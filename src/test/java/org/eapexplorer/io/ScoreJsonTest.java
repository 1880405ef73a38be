package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    /**
     * Held against the keys EAP-IG's {@code Graph.from_json} reads (hannamw/EAP-IG {@code src/eap/graph.py}, read at
     * commits 4fad6c678ee45c975ea6072482305a54fe423551 and 8fd10d913f3991de824d7b4668b6918743a1f453, whose
     * {@code to_json}/{@code from_json} are the same): it asserts {@code cfg}, {@code nodes}, {@code edges}; passes
     * {@code cfg} to {@code from_model(neuron_level=True, node_scores=True)}, which reads {@code n_layers},
     * {@code n_heads}, {@code parallel_attn_mlp} and {@code d_model}; for every node but {@code logits} reads
     * {@code node['in_graph']} and, if present, {@code node['score']} into a float tensor (so a null there would be a
     * TypeError: absent, not null, when there is no node score, as its {@code to_json} writes); for every edge reads
     * {@code score} and {@code in_graph}. Everything else (our {@code metadata}, {@code model}, …) it ignores.
     */
    @Test
    void writesEveryKeyEapIgFromJsonReads() throws IOException {
        GraphIndex g = GraphIndex.of(2, 3);
        float[] s = new float[g.edgeCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i % 7 - 3) * 0.25f;
        }
        Path f = dir.resolve("scores.json");
        ScoreJson.write(f, new ScoreFile("m", "p.jsonl", "logit_diff", 3, "CPU", 1.5, -0.25, Map.of(), new EdgeScores(g, s)), null,
                metadata(48));
        JsonObject json = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        JsonObject cfg = json.getAsJsonObject("cfg");
        assertEquals(2, integer(cfg, "n_layers"));
        assertEquals(3, integer(cfg, "n_heads"));
        assertEquals(48, integer(cfg, "d_model"));
        assertTrue(cfg.get("parallel_attn_mlp").getAsJsonPrimitive().isBoolean());
        JsonObject nodes = json.getAsJsonObject("nodes");
        assertEquals(1 + 2 * 3 + 2 + 1, nodes.size(), "input, 6 heads, 2 MLPs, logits");
        for (var node : nodes.entrySet()) {
            assertTrue(node.getValue().isJsonObject(), node.getKey() + ": an object, as EAP-IG reads node_dict['in_graph']");
            JsonObject o = node.getValue().getAsJsonObject();
            assertTrue(o.get("in_graph").getAsJsonPrimitive().isBoolean(), node.getKey());
            assertTrue(!o.has("score") || o.get("score").getAsJsonPrimitive().isNumber(), node.getKey() + ": score a number or absent");
        }
        for (String name : new String[] {"input", "a0.h0", "a1.h2", "m0", "m1", "logits"}) {
            assertTrue(nodes.has(name), name);
        }
        JsonObject edges = json.getAsJsonObject("edges");
        assertEquals(g.edgeCount(), edges.size());
        for (int e = 0; e < g.edgeCount(); e++) {
            JsonObject o = edges.getAsJsonObject(g.edgeName(e));
            assertEquals(s[e], o.get("score").getAsJsonPrimitive().getAsFloat(), g.edgeName(e));
            assertTrue(o.get("in_graph").getAsJsonPrimitive().isBoolean(), g.edgeName(e));
        }
        assertArrayEquals(s, ScoreJson.read(f).scores().scores(), "and it still reads back here");
    }

    /** The metadata block says what the file is: method, metric, level, the prompt file and model by name and SHA-256. */
    @Test
    void writesWhatTheScoresAre() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        Path f = dir.resolve("scores.json");
        ScoreJson.write(f, new ScoreFile("models/tiny", "p.jsonl", "prob_diff", 3, "CPU", 1.5, -0.25, Map.of(),
                new EdgeScores(g, new float[g.edgeCount()])), null, metadata(8));
        JsonObject meta = JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonObject("metadata");
        assertEquals("eap", meta.get("method").getAsString());
        assertEquals("prob_diff", meta.get("metric").getAsString());
        assertEquals("edge", meta.get("level").getAsString());
        assertEquals("p.jsonl", meta.getAsJsonObject("prompts").get("file").getAsString());
        assertEquals(ABC_SHA256, meta.getAsJsonObject("prompts").get("sha256").getAsString());
        assertEquals("tiny", meta.getAsJsonObject("model").get("name").getAsString());
        assertEquals(ABC_SHA256, meta.getAsJsonObject("model").get("sha256").getAsString());
        assertEquals("0.1.0", meta.get("program_version").getAsString());
    }

    /**
     * metadata.model records config.json's and the tokenizer's SHA-256 beside the weights' (whose "sha256" keeps its
     * meaning); a file written before they were recorded reads back with them unknown.
     */
    @Test
    void theModelsConfigAndTokenizerHashesRoundTripAndOlderFilesStillRead() throws IOException {
        GraphIndex g = GraphIndex.of(1, 2);
        Path f = dir.resolve("scores.json");
        FileIdentity model = new FileIdentity("tiny", ABC_SHA256, "c0ff", "70ce");
        ScoreMetadata written = new ScoreMetadata("eap", "edge", 8, new FileIdentity("p.jsonl", ABC_SHA256), model, "0.1.0");
        ScoreJson.writeComputed(f, new ScoreFile("m", "p.jsonl", "logit_diff", 3, "CPU", 1.5, -0.25, Map.of(),
                new EdgeScores(g, new float[g.edgeCount()])), written);
        JsonObject json = JsonParser.parseString(Files.readString(f)).getAsJsonObject().getAsJsonObject("metadata").getAsJsonObject("model");
        assertEquals(ABC_SHA256, json.get("sha256").getAsString());
        assertEquals("c0ff", json.get("config_sha256").getAsString());
        assertEquals("70ce", json.get("tokenizer_sha256").getAsString());
        assertEquals(model, ScoreMetadataJson.read(f).orElseThrow().model());

        JsonObject root = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        root.getAsJsonObject("metadata").getAsJsonObject("model").remove("config_sha256");
        root.getAsJsonObject("metadata").getAsJsonObject("model").remove("tokenizer_sha256");
        Files.writeString(f, root.toString());
        assertEquals(new FileIdentity("tiny", ABC_SHA256), ScoreMetadataJson.read(f).orElseThrow().model());
        assertEquals(g.edgeCount(), ScoreJson.read(f).scores().graph().edgeCount());
    }

    /** SHA-256("abc"), FIPS 180-2's first example. */
    private static final String ABC_SHA256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private ScoreMetadata metadata(int dModel) throws IOException {
        Path abc = dir.resolve("abc.bin");
        Files.writeString(abc, "abc");
        return new ScoreMetadata("eap", "edge", dModel, FileIdentity.of("p.jsonl", abc), FileIdentity.of("tiny", abc), "0.1.0");
    }

    private static int integer(JsonObject o, String key) {
        assertTrue(o.has(key), key);
        assertTrue(o.get(key).getAsJsonPrimitive().isNumber(), key + " is a number");
        return o.get(key).getAsInt();
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
    void attentionOnlyGraphsRoundTrip() throws IOException {
        GraphIndex g = GraphIndex.attentionOnly(4, 8);
        float[] s = new float[g.edgeCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i % 7) - 3.25f;
        }
        Path f = dir.resolve("attn.json");
        ScoreJson.write(f, new ScoreFile("attn-only-4l", "p.jsonl", "logit_diff", 2, "CPU", 1, 0, Map.of(), new EdgeScores(g, s)));
        JsonObject json = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        assertTrue(json.getAsJsonObject("cfg").get("attn_only").getAsBoolean());
        assertEquals(34, json.getAsJsonObject("nodes").size(), "input, 32 heads, logits");
        ScoreFile back = ScoreJson.read(f);
        assertTrue(back.scores().graph().sameShape(g));
        assertArrayEquals(s, back.scores().scores());

        Path mlp = dir.resolve("mlp.json");
        ScoreJson.write(mlp, new ScoreFile("m", "p", "logit_diff", 1, "CPU", 0, 0, Map.of(), new EdgeScores(GraphIndex.of(1, 1), new float[8])));
        assertFalse(JsonParser.parseString(Files.readString(mlp)).getAsJsonObject().getAsJsonObject("cfg").has("attn_only"),
                "files of models with MLPs keep EAP-IG's cfg keys only");
    }

    /** GPT-NeoX's parallel block: EAP-IG's cfg.parallel_attn_mlp says the MLPs read their layer's input; the file keeps it. */
    @Test
    void parallelAttentionMlpGraphsRoundTrip() throws IOException {
        GraphIndex g = GraphIndex.of(3, 4, false, true);
        float[] s = new float[g.edgeCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = (i % 5) - 1.5f;
        }
        Path f = dir.resolve("neox.json");
        ScoreJson.write(f, new ScoreFile("pythia", "p.jsonl", "logit_diff", 2, "CPU", 1, 0, Map.of(), new EdgeScores(g, s)));
        JsonObject json = JsonParser.parseString(Files.readString(f)).getAsJsonObject();
        assertTrue(json.getAsJsonObject("cfg").get("parallel_attn_mlp").getAsBoolean());
        assertFalse(json.getAsJsonObject("edges").has("a1.h0->m1"), "no edge from a layer's heads to its own MLP");
        assertTrue(json.getAsJsonObject("edges").has("a0.h0->m1"));
        ScoreFile back = ScoreJson.read(f);
        assertTrue(back.scores().graph().parallel());
        assertTrue(back.scores().graph().sameShape(g));
        assertArrayEquals(s, back.scores().scores());
        assertFalse(GraphIndex.of(3, 4).sameShape(g), "a sequential graph of the same size numbers its edges differently");
    }

    /** A file in EAP-IG's layout whose cfg does not say attn_only: no m{l} among its nodes (or edges) means no MLPs. */
    @Test
    void anEapIgFileWithoutMlpNodesIsAttentionOnly() throws IOException {
        GraphIndex g = GraphIndex.attentionOnly(2, 2);
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < g.edgeCount(); e++) {
            edges.append(e == 0 ? "" : ",").append('"').append(g.edgeName(e)).append("\": {\"score\": ").append(e).append(", \"in_graph\": true}");
        }
        StringBuilder nodes = new StringBuilder();
        for (var node : g.upstream()) {
            nodes.append('"').append(node.name()).append("\": true, ");
        }
        Path f = dir.resolve("eapig-attn.json");
        Files.writeString(f, "{\"cfg\": {\"n_layers\": 2, \"n_heads\": 2, \"parallel_attn_mlp\": false}, \"nodes\": {" + nodes
                + "\"logits\": true}, \"edges\": {" + edges + "}}");
        ScoreFile back = ScoreJson.read(f);
        assertTrue(back.scores().graph().attnOnly());
        assertEquals(g.edgeCount(), back.scores().scores().length);
        assertEquals(5f, back.scores().score(g.edgeName(5)));

        Files.writeString(f, "{\"edges\": {" + edges + "}}");
        GraphIndex inferred = ScoreJson.read(f).scores().graph();
        assertTrue(inferred.sameShape(g), "no cfg, no nodes: the edges name no MLP");

        Files.writeString(f, "{\"cfg\": {\"n_layers\": 2, \"n_heads\": 2}, \"nodes\": {}, \"edges\": {" + edges + "}}");
        assertTrue(assertThrows(IOException.class, () -> ScoreJson.read(f)).getMessage().contains("edge \"input->m0\" is missing"),
                "EAP-IG's cfg and no nodes to go by: a graph with MLPs, as EAP-IG's always are");

        Files.writeString(f, "{\"cfg\": {\"n_layers\": 2, \"n_heads\": 2, \"attn_only\": false}, \"edges\": {" + edges + "}}");
        String message = assertThrows(IOException.class, () -> ScoreJson.read(f)).getMessage();
        assertTrue(message.contains("edge \"input->m0\" is missing"), "cfg.attn_only false says there are MLPs: " + message);
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
