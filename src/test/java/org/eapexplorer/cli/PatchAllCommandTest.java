package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** patch-all --top K: a file EAP-IG's from_json loads (no null scores) that this program still reads. */
class PatchAllCommandTest {

    @TempDir
    Path dir;

    @Test
    void topKListsOnlyThePatchedEdgesAndReadsBackWithTheRestNotComputed() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        String model = fixture.dir().toString();
        String prompts = fixture.prompts().toString();
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", model, "--prompts", prompts, "--device", "cpu", "--out", scores.toString()));
        Path out = dir.resolve("patching.json");
        assertEquals(0, EapCli.run("patch-all", "--model", model, "--prompts", prompts, "--device", "cpu", "--scores", scores.toString(),
                "--top", "3", "--no-cache", "--out", out.toString()));

        JsonObject edges = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("edges");
        assertEquals(3, edges.size(), "only the patched edges are listed");
        for (Map.Entry<String, JsonElement> e : edges.entrySet()) {
            JsonElement score = e.getValue().getAsJsonObject().get("score");
            // EAP-IG's from_json stores every listed score into a float tensor: a null fails there.
            assertTrue(score.isJsonPrimitive() && score.getAsJsonPrimitive().isNumber(), e.getKey() + ": " + score);
        }

        ScoreFile read = ScoreJson.read(out);
        GraphIndex g = read.scores().graph();
        JsonObject lambdaOne = fixture.reference().getAsJsonObject("patching").getAsJsonObject("lambda_one");
        int finite = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            float s = read.scores().score(g.edgeName(e));
            if (edges.has(g.edgeName(e))) {
                double expected = lambdaOne.get(g.edgeName(e)).getAsDouble();
                assertEquals(expected, s, 1e-4 * Math.max(1, Math.abs(expected)), g.edgeName(e));
                finite++;
            } else {
                assertTrue(Float.isNaN(s), g.edgeName(e) + " was not patched, read " + s);
            }
        }
        assertEquals(3, finite);
    }
}
