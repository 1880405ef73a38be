package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Map;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate}: EAP's AUC and, with {@code --circuits}, the ROC of a family of circuits such as ACDC's at several τ. */
class EvaluateCommandTest {

    @TempDir
    Path dir;

    private static final GraphIndex G = GraphIndex.of(2, 2);

    private Path scoreFile(String name, float[] scores, BitSet inGraph) throws Exception {
        Path file = dir.resolve(name);
        ScoreJson.write(file, new ScoreFile("m", "p", "logit_diff", 1, "CPU", 1, 0, Map.of(), new EdgeScores(G, scores)), inGraph);
        return file;
    }

    @Test
    void circuitsGiveOnePointEachAndTheirCurve() throws Exception {
        // Truth: input, a0.h0 and a1.h0 into the logits. Scores rank them first, so EAP's AUC is exactly 1.
        int logits = G.receiverCount() - 1;
        BitSet truth = new BitSet();
        StringBuilder edges = new StringBuilder();
        float[] scores = new float[G.edgeCount()];
        for (int u : new int[] {0, 1, 4}) {
            int e = G.edgeIndex(u, logits);
            truth.set(e);
            scores[e] = 1;
            edges.append(edges.length() == 0 ? "" : ",").append("{\"name\": \"").append(G.edgeName(e)).append("\"}");
        }
        Path truthFile = dir.resolve("truth.json");
        Files.writeString(truthFile, "{\"model\": \"planted\", \"derivation\": \"test\", \"edges\": [" + edges + "]}");
        Path eap = scoreFile("eap.json", scores, null);

        // Circuit A: the whole truth and nothing else (TPR 1, FPR 0); circuit B: two false edges only.
        BitSet b = new BitSet();
        b.set(0);
        b.set(1);
        Path a = scoreFile("a.json", new float[G.edgeCount()], truth);
        Path bFile = scoreFile("b.json", new float[G.edgeCount()], b);
        Path out = dir.resolve("roc.json");
        int code = EapCli.run("evaluate", "--scores", eap.toString(), "--truth", truthFile.toString(), "--circuits", a.toString(),
                bFile.toString(), "--out", out.toString());
        assertEquals(0, code);
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals(1.0, json.getAsJsonObject("edges").getAsJsonObject("auto_circuit").get("auc").getAsDouble(), 0);
        JsonObject circuits = json.getAsJsonObject("circuits");
        JsonObject first = circuits.getAsJsonArray("files").get(0).getAsJsonObject();
        assertEquals(3, first.get("kept_edges").getAsInt());
        assertEquals(1.0, first.getAsJsonObject("auto_circuit").get("tpr").getAsDouble(), 0);
        assertEquals(0.0, first.getAsJsonObject("auto_circuit").get("fpr").getAsDouble(), 0);
        JsonObject second = circuits.getAsJsonArray("files").get(1).getAsJsonObject();
        int negatives = G.edgeCount() - 3;
        assertEquals(2.0 / negatives, second.getAsJsonObject("auto_circuit").get("fpr").getAsDouble(), 1e-15);
        assertEquals(0.0, second.getAsJsonObject("auto_circuit").get("tpr").getAsDouble(), 0);
        // A circuit at (0, 1) makes the curve through the circuits perfect in auto-circuit's convention.
        assertEquals(1.0, circuits.getAsJsonObject("auto_circuit").get("auc").getAsDouble(), 0);
        // ACDC's convention also counts q/k/v input edges: circuit A keeps no head input, so it misses none of the
        // (empty) direct truth and its point stays at TPR 1; B keeps edges into a0.h0<q> and turns that input on.
        JsonObject secondAcdc = second.getAsJsonObject("acdc");
        assertNotEquals(secondAcdc.get("fpr").getAsDouble(), second.getAsJsonObject("auto_circuit").get("fpr").getAsDouble());
    }
}
