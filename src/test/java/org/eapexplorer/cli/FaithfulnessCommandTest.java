package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The faithfulness command's output keeps its curve and adds MIB's CPR and CMD, each with its ranking named. */
class FaithfulnessCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesMibsCprAndCmdBesideTheCurve() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        String model = fixture.dir().toString();
        String prompts = fixture.prompts().toString();
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", model, "--prompts", prompts, "--device", "cpu", "--out", scores.toString()));
        Path out = dir.resolve("faith.json");
        assertEquals(0, EapCli.run("faithfulness", "--model", model, "--prompts", prompts, "--device", "cpu", "--scores", scores.toString(),
                "--points", "5", "--out", out.toString()));
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertTrue(json.getAsJsonArray("points").size() > 0, "the log-spaced curve is still there");
        JsonObject mib = json.getAsJsonObject("mib");
        assertEquals(MibCircuitMetrics.FRACTIONS.length, mib.getAsJsonArray("fractions").size());
        int edges = json.get("edges").getAsInt();
        for (String[] metric : new String[][] {{"cpr", "signed"}, {"cmd", "absolute"}}) {
            JsonObject m = mib.getAsJsonObject(metric[0]);
            assertEquals(metric[1], m.get("ranking").getAsString(), metric[0]);
            JsonArray points = m.getAsJsonArray("points");
            double[] f = new double[points.size()];
            int[] counts = new int[points.size()];
            for (int i = 0; i < f.length; i++) {
                JsonObject p = points.get(i).getAsJsonObject();
                assertEquals(MibCircuitMetrics.FRACTIONS[i], p.get("fraction").getAsDouble());
                counts[i] = p.get("edges").getAsInt();
                f[i] = p.get("faithfulness").getAsDouble();
            }
            assertArrayEquals(MibCircuitMetrics.edgeCounts(edges), counts, metric[0]);
            assertEquals(1.0, f[f.length - 1], 1e-5, metric[0] + ": every edge is the full model");
            double area = metric[0].equals("cpr") ? MibCircuitMetrics.areaUnder(MibCircuitMetrics.FRACTIONS, f)
                    : MibCircuitMetrics.areaFromOne(MibCircuitMetrics.FRACTIONS, f);
            assertEquals(area, m.get("area").getAsDouble(), 1e-12, metric[0]);
        }
    }
}
