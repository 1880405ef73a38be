package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The score command end to end: files in, EAP-IG-compatible JSON out, equal to the oracle edge by edge. */
class ScoreCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesTheOracleScores() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f16");
        Path out = dir.resolve("scores.json");
        int code = EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--batch-size", "2", "--device", "cpu", "--out", out.toString());
        assertEquals(0, code);
        ScoreFile file = ScoreJson.read(out);
        assertEquals("prob_diff", file.metric());
        assertEquals(fixture.number("metric_clean"), file.metricClean(), 1e-5);
        assertTrue(file.timingMillis().containsKey("load") && file.timingMillis().containsKey("eap"));
        double largest = fixture.scores().values().stream().mapToDouble(Math::abs).max().orElseThrow();
        for (Map.Entry<String, Double> e : fixture.scores().entrySet()) {
            assertEquals(e.getValue(), file.scores().score(e.getKey()), 1e-4 * largest, e.getKey());
        }

        // What EAP-IG's Graph.from_json needs (ScoreJsonTest holds every key), and what the file is.
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject config = JsonParser.parseString(Files.readString(fixture.dir().resolve("config.json"))).getAsJsonObject();
        assertEquals(config.get("n_embd").getAsInt(), json.getAsJsonObject("cfg").get("d_model").getAsInt());
        assertTrue(json.getAsJsonObject("nodes").getAsJsonObject("input").get("in_graph").getAsBoolean());
        JsonObject meta = json.getAsJsonObject("metadata");
        assertEquals("eap", meta.get("method").getAsString());
        assertEquals("prob_diff", meta.get("metric").getAsString());
        assertEquals("edge", meta.get("level").getAsString());
        assertEquals(fixture.prompts().getFileName().toString(), meta.getAsJsonObject("prompts").get("file").getAsString());
        assertEquals(sha256(fixture.prompts()), meta.getAsJsonObject("prompts").get("sha256").getAsString());
        assertEquals(fixture.dir().getFileName().toString(), meta.getAsJsonObject("model").get("name").getAsString());
        assertEquals(sha256(fixture.dir().resolve("model.safetensors")), meta.getAsJsonObject("model").get("sha256").getAsString());
        assertEquals(EapCli.VERSION, meta.get("program_version").getAsString());
        assertTrue(file.timingMillis().containsKey("hash"), "the hashing time is reported");
    }

    /**
     * {@code --format compact}: the same scores as the JSON run, bit for bit, with the same metadata, read by content by
     * {@code render} (its figure and its circuit JSON) as the JSON file is; an unknown format is refused before loading.
     */
    @Test
    void compactFormatHoldsTheSameScoresAndRendersAsJsonDoes() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f16");
        Path json = dir.resolve("scores.json");
        Path compact = dir.resolve("scores.eapscores");
        for (String[] run : new String[][] {{"json", json.toString()}, {"compact", compact.toString()}}) {
            assertEquals(0, EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                    "--batch-size", "2", "--device", "cpu", "--format", run[0], "--out", run[1]));
        }
        assertTrue(org.eapexplorer.io.CompactScores.isCompact(compact));
        ScoreFile a = ScoreJson.read(json);
        ScoreFile b = ScoreJson.read(compact);
        assertTrue(java.util.Arrays.equals(a.scores().scores(), b.scores().scores()));
        assertEquals(org.eapexplorer.io.ScoreMetadataJson.read(json).orElseThrow().model(),
                org.eapexplorer.io.ScoreMetadataJson.read(compact).orElseThrow().model());
        for (String ext : new String[] {"svg", "json"}) {
            Path fromJson = dir.resolve("a." + ext);
            Path fromCompact = dir.resolve("b." + ext);
            assertEquals(0, EapCli.run("render", "--scores", json.toString(), "--top-k", "10", "--out", fromJson.toString()));
            assertEquals(0, EapCli.run("render", "--scores", compact.toString(), "--top-k", "10", "--out", fromCompact.toString()));
            if (ext.equals("json")) {
                // Two runs: everything but their timings is the same.
                JsonObject x = JsonParser.parseString(Files.readString(fromJson)).getAsJsonObject();
                JsonObject y = JsonParser.parseString(Files.readString(fromCompact)).getAsJsonObject();
                x.remove("timing_ms");
                y.remove("timing_ms");
                assertEquals(x, y);
            } else {
                assertEquals(Files.readString(fromJson), Files.readString(fromCompact), ext);
            }
        }
        assertEquals(1, EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--format", "npy", "--out", dir.resolve("x").toString()));
        assertTrue(!Files.exists(dir.resolve("x")), "nothing written for an unknown format");
    }

    /** Independent of the program's own hashing: the whole file at once (the fixtures are small). */
    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void badInputIsAMessageNotAStackTrace() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        Path prompts = dir.resolve("bad.jsonl");
        Files.writeString(prompts, "{\"clean\": \"the red ball\", \"corrupted\": \"the ball\", \"answer\": \"red\", \"distractor\": \"blue\"}\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", prompts.toString(), "--out", dir.resolve("x.json").toString());
        } finally {
            System.setErr(old);
        }
        assertNotEquals(0, code);
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("bad.jsonl:1: clean and corrupted prompts must have the same number of tokens"), text);
        assertTrue(!text.contains("\tat org."), "no stack trace: " + text);
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }

    /** eap-ig-inputs at node level: the oracle's scores for edges and nodes, and a file that says what it is. */
    @Test
    void writesEapIgNodeScoresThatSayWhatTheyAre() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-attn-only");
        Path out = dir.resolve("ig.json");
        int code = EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--method", "eap-ig-inputs", "--ig-steps", "2", "--level", "node", "--device", "cpu", "--out", out.toString());
        assertEquals(0, code);
        ScoreFile file = ScoreJson.read(out);
        Map<String, Double> edges = fixture.methodScores("eap-ig-inputs-2", "scores");
        double largest = edges.values().stream().mapToDouble(Math::abs).max().orElseThrow();
        for (Map.Entry<String, Double> e : edges.entrySet()) {
            assertEquals(e.getValue(), file.scores().score(e.getKey()), 1e-4 * largest, e.getKey());
        }
        org.eapexplorer.model.NodeScores nodes = ScoreJson.readNodeScores(out, file.scores().graph()).orElseThrow();
        for (Map.Entry<String, Double> e : fixture.methodScores("eap-ig-inputs-2", "node_scores").entrySet()) {
            assertEquals(e.getValue(), nodes.score(e.getKey()), 1e-4 * largest, e.getKey());
        }
        JsonObject meta = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("metadata");
        assertEquals("eap-ig-inputs", meta.get("method").getAsString());
        assertEquals(2, meta.get("steps").getAsInt());
        assertEquals("node", meta.get("level").getAsString());
    }

    @Test
    void anEdgeLevelFileHasNoNodeScoresAndEapNoSteps() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-attn-only");
        Path out = dir.resolve("cc.json");
        assertEquals(0, EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--method", "clean-corrupted", "--device", "cpu", "--out", out.toString()));
        ScoreFile file = ScoreJson.read(out);
        assertTrue(ScoreJson.readNodeScores(out, file.scores().graph()).isEmpty());
        JsonObject meta = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("metadata");
        assertEquals("clean-corrupted", meta.get("method").getAsString());
        assertTrue(!meta.has("steps"), "clean-corrupted has no steps");
        Map<String, Double> edges = fixture.methodScores("clean-corrupted", "scores");
        double largest = edges.values().stream().mapToDouble(Math::abs).max().orElseThrow();
        for (Map.Entry<String, Double> e : edges.entrySet()) {
            assertEquals(e.getValue(), file.scores().score(e.getKey()), 1e-4 * largest, e.getKey());
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "--ig-steps 0 --method eap-ig-inputs | --ig-steps must be at least 1, got 0",
            "--method eap-ig | unknown method 'eap-ig' (expected eap, eap-ig-inputs, clean-corrupted)",
            "--method eap-ig-activations | method eap-ig-activations is not offered",
            "--method eap --ig-steps 3 | --ig-steps applies to eap-ig-inputs only, not to --method eap",
            "--level edges | unknown level 'edges' (expected edge or node)"})
    void badMethodOptionsAreOneLine(String options, String expected) throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("score", "--model", fixture.dir().toString(),
                "--prompts", fixture.prompts().toString(), "--out", dir.resolve("x.json").toString()));
        args.addAll(java.util.List.of(options.trim().split(" ")));
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = EapCli.run(args.toArray(String[]::new));
        } finally {
            System.setErr(old);
        }
        assertNotEquals(0, code);
        String text = err.toString(java.nio.charset.StandardCharsets.UTF_8).strip();
        assertTrue(text.startsWith("error: ") && text.contains(expected), text);
        assertEquals(1, text.lines().count(), "one line: " + text);
        assertTrue(Files.notExists(dir.resolve("x.json")));
    }

    /** render's circuit JSON carries the score file's metadata and cfg.d_model, which EAP-IG's from_json needs. */
    @Test
    void aCircuitRenderedFromAScoreFileSaysWhatItsScoresAre() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        Path scores = dir.resolve("ig.json");
        assertEquals(0, EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--method", "eap-ig-inputs", "--ig-steps", "3", "--device", "cpu", "--out", scores.toString()));
        Path circuit = dir.resolve("circuit.json");
        assertEquals(0, EapCli.run("render", "--scores", scores.toString(), "--top-k", "5", "--out", circuit.toString()));
        JsonObject json = JsonParser.parseString(Files.readString(circuit)).getAsJsonObject();
        JsonObject config = JsonParser.parseString(Files.readString(fixture.dir().resolve("config.json"))).getAsJsonObject();
        assertEquals(config.get("n_embd").getAsInt(), json.getAsJsonObject("cfg").get("d_model").getAsInt());
        JsonObject meta = json.getAsJsonObject("metadata");
        assertEquals("eap-ig-inputs", meta.get("method").getAsString());
        assertEquals(3, meta.get("steps").getAsInt());
        assertEquals(sha256(fixture.dir().resolve("model.safetensors")), meta.getAsJsonObject("model").get("sha256").getAsString());
        assertEquals(5, json.getAsJsonObject("edges").entrySet().stream()
                .filter(e -> e.getValue().getAsJsonObject().get("in_graph").getAsBoolean()).count());

        // A file without the block (EAP-IG's own) has none to pass on; a malformed one is named.
        JsonObject root = JsonParser.parseString(Files.readString(scores)).getAsJsonObject();
        root.remove("metadata");
        Path bare = dir.resolve("bare.json");
        Files.writeString(bare, root.toString());
        assertTrue(org.eapexplorer.io.ScoreMetadataJson.read(bare).isEmpty());
        JsonObject bad = new JsonObject();
        bad.addProperty("method", 7);
        root.add("metadata", bad);
        Files.writeString(bare, root.toString());
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> org.eapexplorer.io.ScoreMetadataJson.read(bare));
        assertTrue(e.getMessage().contains("\"metadata.method\" must be a string"), e.getMessage());
    }
}
