package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hybrid} on the built-in model: every cell names the circuit ACDC kept, within EAP's top k of its row. */
class HybridCommandTest {

    private static final Path MODEL = Path.of("assets/models/induction-2l");

    @TempDir
    Path dir;

    @Test
    void eachCellListsItsCircuit() throws Exception {
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", MODEL.toString(), "--prompts", "sample-prompts/induction.jsonl",
                "--device", "cpu", "--out", scores.toString()));
        Path out = dir.resolve("hybrid.json");
        assertEquals(0, EapCli.run("hybrid", "--model", MODEL.toString(), "--prompts", "sample-prompts/induction.jsonl",
                "--device", "cpu", "--scores", scores.toString(), "--truth", MODEL.resolve("ground-truth.json").toString(),
                "--eap-sizes", "20,60", "--taus", "0.1", "--out", out.toString()));
        EdgeScores s = ScoreJson.read(scores).scores();
        ScoreRanking ranking = ScoreRanking.of(s);
        JsonArray cells = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonArray("cells");
        assertEquals(2, cells.size());
        for (JsonElement e : cells) {
            JsonObject cell = e.getAsJsonObject();
            BitSet edges = new BitSet();
            for (JsonElement name : cell.getAsJsonArray("edges")) {
                edges.set(s.graph().edgeIndex(name.getAsString()).orElseThrow());
            }
            assertEquals(cell.get("kept_edges").getAsInt(), edges.cardinality());
            edges.andNot(ranking.topEdges(cell.get("eap_edges").getAsInt()));
            assertTrue(edges.isEmpty(), "ACDC keeps only edges of EAP's top k: " + cell);
        }
    }
}
