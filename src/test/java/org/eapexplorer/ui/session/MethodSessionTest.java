package org.eapexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.ui.eval.MibMetrics;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions keep the scoring method that made their scores (sessions from before the choice read as EAP's) and MIB's
 * circuit metrics.
 */
class MethodSessionTest {

    @TempDir
    Path dir;

    static AnalysisResult result(GraphIndex g, Path dir, MethodSpec method) {
        float[] s = new float[g.edgeCount()];
        for (int e = 0; e < s.length; e++) {
            s[e] = (e % 7) - 3.5f + e * 1e-3f;
        }
        return new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU", new EdgeScores(g, s),
                1.5, 0.25, 0, 0, null, "", method);
    }

    @Test
    void theMethodAndItsStepsRoundTrip() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        for (MethodSpec m : new MethodSpec[] {MethodSpec.EAP, new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 17),
                MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED)}) {
            Path file = dir.resolve("session-" + m.method().cliName() + ".json");
            SessionJson.write(file, new Session(result(g, dir, m), ComputeDevice.CPU, Threshold.topK(5), true, -1));
            assertEquals(m, SessionJson.read(file).result().method());
            JsonObject root = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            assertEquals(m.method().cliName(), root.get("method").getAsString(), "named as EAP-IG names it");
            assertEquals(m.method().usesSteps(), root.has("steps"));
        }
    }

    @Test
    void aSessionWithoutAMethodIsEaps() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        Path file = dir.resolve("old.json");
        SessionJson.write(file, new Session(result(g, dir, MethodSpec.EAP), ComputeDevice.CPU, Threshold.topK(5), true, -1));
        String text = Files.readString(file).replace("\"method\": \"eap\",", "");
        assertTrue(!text.contains("\"method\""), "the old form has no method");
        Files.writeString(file, text);
        assertEquals(MethodSpec.EAP, SessionJson.read(file).result().method());
    }

    @Test
    void anUnknownMethodOrBadStepsAreOneClearLine() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        Path file = dir.resolve("bad.json");
        SessionJson.write(file, new Session(result(g, dir, new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 5)), ComputeDevice.CPU,
                Threshold.topK(5), true, -1));
        String text = Files.readString(file);
        Files.writeString(file, text.replace("\"eap-ig-inputs\"", "\"eap-ig-activations\""));
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("eap-ig-activations"), e.getMessage());
        Files.writeString(file, text.replace("\"steps\": 5", "\"steps\": 0"));
        e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().startsWith(file.toString()) && e.getMessage().contains("at least 1"), e.getMessage());
    }

    static MibMetrics mib(int edges) {
        double[] x = MibCircuitMetrics.FRACTIONS;
        int[] counts = MibCircuitMetrics.edgeCounts(edges);
        double[] signed = new double[x.length];
        double[] absolute = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            signed[i] = 0.2 + 0.1 * i + 1e-7 * i * i;
            absolute[i] = 0.2 + 0.09 * i - 1.0 / 3 * (i % 2);
        }
        FaithfulnessCurve s = new FaithfulnessCurve(counts, signed, 1.1, 0.2);
        FaithfulnessCurve a = new FaithfulnessCurve(counts, absolute, 1.1, 0.2);
        return new MibMetrics(new MibCurve("signed", x.clone(), s, MibCircuitMetrics.areaUnder(x, normalized(s))),
                new MibCurve("absolute", x.clone(), a, MibCircuitMetrics.areaFromOne(x, normalized(a))));
    }

    private static double[] normalized(FaithfulnessCurve c) {
        double[] f = new double[c.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = c.normalized(i);
        }
        return f;
    }

    @Test
    void mibsCprAndCmdRoundTripToTheLastBit() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        MibMetrics m = mib(g.edgeCount());
        Path file = dir.resolve("mib.json");
        SessionJson.write(file, new Session(result(g, dir, MethodSpec.EAP), ComputeDevice.CPU, Threshold.topK(5), true, -1,
                new Evaluation(null, null, null, null, null, null, null, null, null, m)));
        MibMetrics back = SessionJson.read(file).evaluation().mib();
        assertEquals(m.cpr().area(), back.cpr().area(), 0);
        assertEquals(m.cmd().area(), back.cmd().area(), 0);
        assertEquals(m.describe(), back.describe());
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.cmd().curve().metric(), back.cmd().curve().metric(), 0);
        org.junit.jupiter.api.Assertions.assertArrayEquals(m.cpr().curve().edgeCounts(), back.cpr().curve().edgeCounts());

        String text = Files.readString(file);
        Files.writeString(file, text.replaceFirst("\\[0\\.001, ", "[0.0015, "));
        IOException e = assertThrows(IOException.class, () -> SessionJson.read(file));
        assertTrue(e.getMessage().contains("mib.cpr.fractions") && e.getMessage().contains("MIB's"), e.getMessage());
        assertEquals(null, SessionJson.read(writeWithout(g)).evaluation().mib(), "absent: none");
    }

    private Path writeWithout(GraphIndex g) throws IOException {
        Path file = dir.resolve("no-mib.json");
        SessionJson.write(file, new Session(result(g, dir, MethodSpec.EAP), ComputeDevice.CPU, Threshold.topK(5), true, -1));
        return file;
    }

    @Test
    void aLambdaCurvesEstimateRoundTripsAndAnUnknownEapScoreIsNull() throws Exception {
        GraphIndex g = GraphIndex.of(2, 3);
        double[] lambdas = {0, 0.5, 1};
        org.eapexplorer.ui.patching.LambdaCurve both = new org.eapexplorer.ui.patching.LambdaCurve(3, g.edgeName(3), 0.125,
                lambdas, new double[] {0, 0.2, 0.3}, new org.eapexplorer.ui.patching.MethodEstimate(
                        new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7), 0.3125));
        org.eapexplorer.ui.patching.LambdaCurve igOnly = new org.eapexplorer.ui.patching.LambdaCurve(4, g.edgeName(4), Double.NaN,
                lambdas, new double[] {0, -0.1, -0.4}, new org.eapexplorer.ui.patching.MethodEstimate(
                        MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED), -0.375));
        Path file = dir.resolve("curves.json");
        SessionJson.write(file, new Session(result(g, dir, new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 7)), ComputeDevice.CPU,
                Threshold.topK(5), true, -1, new Evaluation(null, null, null, null, null, null, java.util.List.of(both, igOnly), null, null)));
        java.util.List<org.eapexplorer.ui.patching.LambdaCurve> back = SessionJson.read(file).evaluation().lambdaCurves();
        assertEquals(both.estimate(), back.get(0).estimate());
        assertEquals(0.125, back.get(0).eapScore(), 0);
        assertEquals(igOnly.estimate(), back.get(1).estimate());
        assertTrue(Double.isNaN(back.get(1).eapScore()), "no EAP score stays unknown");
        assertTrue(Files.readString(file).contains("\"eap_score\": null"));
        assertTrue(Files.readString(file).contains("\"estimate\""));
    }
}
