package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line on attention-only models: random-model --attn-only (--shortformer), and evaluate against the docstring circuit. */
class AttentionOnlyCommandsTest {

    private static final Path DOCSTRING = Path.of("assets/groundtruth/docstring.json");

    @TempDir
    Path dir;

    @Test
    void randomModelWritesAnAttentionOnlyModelThatScores() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, EapCli.run("random-model", "--out", model.toString(), "--attn-only", "--layers", "2", "--heads", "2",
                "--d-model", "8", "--positions", "16", "--vocab", "12"));
        JsonObject config = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
        assertTrue(config.get("attn_only").getAsBoolean());
        Path prompts = dir.resolve("p.jsonl");
        Files.writeString(prompts, "{\"clean\": \"t1 t2 t3\", \"corrupted\": \"t4 t2 t3\", \"answer\": \"t5\", \"distractor\": \"t6\"}\n");
        Path out = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", model.toString(), "--prompts", prompts.toString(), "--device", "cpu",
                "--out", out.toString()));
        GraphIndex g = ScoreJson.read(out).scores().graph();
        assertTrue(g.sameShape(GraphIndex.attentionOnly(2, 2)), g.describe());
    }

    /**
     * random-model --shortformer writes TransformerLens's key; score on the oracle's shortformer fixture (whose config.json
     * prepends a BOS token) gives the oracle's scores, so the command line encodes prompts with the BOS token.
     */
    @Test
    void shortformerFromTheCommandLine() throws Exception {
        Path model = dir.resolve("model");
        assertEquals(0, EapCli.run("random-model", "--out", model.toString(), "--attn-only", "--shortformer", "--layers", "2", "--heads", "2",
                "--d-model", "8", "--positions", "16", "--vocab", "12"));
        JsonObject config = JsonParser.parseString(Files.readString(model.resolve("config.json"))).getAsJsonObject();
        assertEquals("shortformer", config.get("positional_embedding_type").getAsString());

        OracleFixture fixture = OracleFixture.load("tiny-shortformer");
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", fixture.dir().toString(), "--prompts", fixture.prompts().toString(),
                "--device", "cpu", "--out", scores.toString()));
        double largest = fixture.scores().values().stream().mapToDouble(Math::abs).max().orElseThrow();
        ScoreFile file = ScoreJson.read(scores);
        for (Map.Entry<String, Double> e : fixture.scores().entrySet()) {
            assertEquals(e.getValue(), file.scores().score(e.getKey()), 1e-4 * largest, e.getKey());
        }
    }

    /** score → acdc → faithfulness → patch-all → patch on the oracle's attention-only fixture; ACDC keeps the oracle's edges. */
    @Test
    void everyModelCommandRunsOnTheAttentionOnlyFixture() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-attn-only");
        String model = fixture.dir().toString();
        String prompts = fixture.prompts().toString();
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", model, "--prompts", prompts, "--device", "cpu", "--out", scores.toString()));
        double largest = fixture.scores().values().stream().mapToDouble(Math::abs).max().orElseThrow();
        ScoreFile file = ScoreJson.read(scores);
        for (Map.Entry<String, Double> e : fixture.scores().entrySet()) {
            assertEquals(e.getValue(), file.scores().score(e.getKey()), 1e-4 * largest, e.getKey());
        }

        JsonObject kl = fixture.reference().getAsJsonArray("acdc").asList().stream().map(JsonElement::getAsJsonObject)
                .filter(o -> o.get("score").getAsString().equals("kl")).findFirst().orElseThrow();
        Path acdc = dir.resolve("acdc.json");
        assertEquals(0, EapCli.run("acdc", "--model", model, "--prompts", prompts, "--device", "cpu", "--tau", kl.get("tau").getAsString(),
                "--out", acdc.toString()));
        List<String> kept = new ArrayList<>();
        JsonParser.parseString(Files.readString(acdc)).getAsJsonObject().getAsJsonObject("edges").entrySet().stream()
                .filter(e -> e.getValue().getAsJsonObject().get("in_graph").getAsBoolean()).forEach(e -> kept.add(e.getKey()));
        List<String> want = new ArrayList<>();
        kl.getAsJsonArray("kept").forEach(e -> want.add(e.getAsString()));
        assertEquals(want, kept);

        Path faith = dir.resolve("faith.json");
        assertEquals(0, EapCli.run("faithfulness", "--model", model, "--prompts", prompts, "--device", "cpu", "--scores", scores.toString(),
                "--points", "5", "--out", faith.toString()));
        assertTrue(Files.size(faith) > 0);
        Path patchAll = dir.resolve("patching.json");
        assertEquals(0, EapCli.run("patch-all", "--model", model, "--prompts", prompts, "--device", "cpu", "--scores", scores.toString(),
                "--top", "5", "--no-cache", "--out", patchAll.toString()));
        assertTrue(Files.size(patchAll) > 0);
        Path curves = dir.resolve("curves.json");
        assertEquals(0, EapCli.run("patch", "--model", model, "--prompts", prompts, "--device", "cpu", "--edges", "a0.h3->a1.h1<q>,a2.h3->logits",
                "--lambdas", "0,0.5,1", "--out", curves.toString()));
        JsonObject curveJson = JsonParser.parseString(Files.readString(curves)).getAsJsonObject().getAsJsonObject("curves");
        JsonObject lambdaOne = fixture.reference().getAsJsonObject("patching").getAsJsonObject("lambda_one");
        for (String edge : List.of("a0.h3->a1.h1<q>", "a2.h3->logits")) {
            double expected = lambdaOne.get(edge).getAsDouble();
            assertEquals(expected, curveJson.getAsJsonArray(edge).get(2).getAsDouble(), 1e-4 * Math.max(1, Math.abs(expected)), edge);
        }
    }

    /** Scores that rank the docstring circuit's 24 edges above the other 1,257: every ROC is perfect. */
    @Test
    void evaluateRanksTheDocstringCircuitOnAttnOnly4l() throws Exception {
        GraphIndex g = GraphIndex.attentionOnly(4, 8);
        TruthEdges truth = TruthEdges.read(DOCSTRING, g);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            // true edges 2…3, the rest 0…1, alternating in sign: the ranking is by |score|
            float magnitude = truth.edges().get(e) ? 2 + (e % 5) / 5f : (e % 11) / 11f;
            s[e] = e % 2 == 0 ? magnitude : -magnitude;
        }
        Path scores = dir.resolve("docstring-scores.json");
        ScoreJson.write(scores, new ScoreFile("attn-only-4l", "docstring", "logit_diff", 1, "CPU", 0, 0, Map.of(), new EdgeScores(g, s)));
        Path out = dir.resolve("roc.json");
        assertEquals(0, EapCli.run("evaluate", "--scores", scores.toString(), "--truth", DOCSTRING.toString(), "--out", out.toString()));
        JsonObject roc = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(24, roc.get("true_edges").getAsInt());
        assertEquals(13, roc.get("true_qkv_input_edges").getAsInt());
        JsonObject acdc = roc.getAsJsonObject("edges").getAsJsonObject("acdc");
        JsonObject autoCircuit = roc.getAsJsonObject("edges").getAsJsonObject("auto_circuit");
        assertEquals(1.0, autoCircuit.get("auc").getAsDouble());
        assertEquals(1281, autoCircuit.get("positives").getAsInt() + autoCircuit.get("negatives").getAsInt());
        assertEquals(1.0, acdc.get("auc").getAsDouble());
        assertEquals(37, acdc.get("positives").getAsInt());
        assertEquals(1377, acdc.get("positives").getAsInt() + acdc.get("negatives").getAsInt());
        JsonObject nodes = roc.getAsJsonObject("nodes").getAsJsonObject("auto_circuit");
        assertEquals(1.0, nodes.get("auc").getAsDouble());
        assertEquals(32, nodes.get("positives").getAsInt() + nodes.get("negatives").getAsInt(), "32 heads and no MLPs");
    }

    /** The same scores with the truth ranked last: the area is 0, so the AUC above is not a constant. */
    @Test
    void evaluateOfTheReverseRankingIsZero() throws Exception {
        GraphIndex g = GraphIndex.attentionOnly(4, 8);
        TruthEdges truth = TruthEdges.read(DOCSTRING, g);
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = truth.edges().get(e) ? 0.5f : 1 + e;
        }
        Path scores = dir.resolve("reverse.json");
        ScoreJson.write(scores, new ScoreFile("attn-only-4l", "docstring", "logit_diff", 1, "CPU", 0, 0, Map.of(), new EdgeScores(g, s)));
        Path out = dir.resolve("roc.json");
        assertEquals(0, EapCli.run("evaluate", "--scores", scores.toString(), "--truth", DOCSTRING.toString(), "--out", out.toString()));
        JsonObject roc = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(0.0, roc.getAsJsonObject("edges").getAsJsonObject("auto_circuit").get("auc").getAsDouble(), 1e-12);
    }
}
