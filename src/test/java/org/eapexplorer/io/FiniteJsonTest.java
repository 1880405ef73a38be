package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No JSON file gets a NaN or an infinity: the write is refused, naming the value, and the file already there stays. */
class FiniteJsonTest {

    @TempDir
    Path dir;

    @Test
    void aNonFiniteNumberIsRefusedByItsPlaceInTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("curves.json"), "good");
        JsonObject json = new JsonObject();
        json.addProperty("metric_clean", 1.5);
        JsonObject curves = new JsonObject();
        JsonArray row = new JsonArray();
        row.add(0.25);
        row.add(Double.NEGATIVE_INFINITY);
        curves.add("a0.h0->logits", row);
        json.add("curves", curves);
        IOException e = assertThrows(IOException.class, () -> FiniteJson.writePretty(file, json));
        assertEquals(file + ": refusing to write \"curves.a0.h0->logits[1]\" = -Infinity into a JSON file (JSON has no NaN or infinity; "
                + "the computation gave a non-finite number)", e.getMessage());
        assertEquals("good", Files.readString(file));

        row.set(1, new com.google.gson.JsonPrimitive(-0.5));
        FiniteJson.writePretty(file, json);
        assertTrue(Files.readString(file).contains("-0.5"));
    }

    @Test
    void aScoreFileWithANaNMetricOrANaNScoreIsNotWritten() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        float[] s = new float[g.edgeCount()];
        Path file = dir.resolve("scores.json");
        ScoreJson.write(file, new ScoreFile("m", "p", "logit_diff", 1, "CPU", 1, 0, Map.of(), new EdgeScores(g, s)));
        byte[] good = Files.readAllBytes(file);

        IOException e = assertThrows(IOException.class, () -> ScoreJson.writeComputed(file,
                new ScoreFile("m", "p", "logit_diff", 1, "CPU", Double.NaN, 0, Map.of(), new EdgeScores(g, s)), null));
        assertTrue(e.getMessage().contains("metric on the clean run is NaN"), e.getMessage());
        e = assertThrows(IOException.class, () -> ScoreJson.write(file,
                new ScoreFile("m", "p", "logit_diff", 1, "CPU", 1, Double.POSITIVE_INFINITY, Map.of(), new EdgeScores(g, s))));
        assertTrue(e.getMessage().contains("\"metric_corrupted\" = Infinity"), e.getMessage());

        float[] nan = s.clone();
        nan[2] = Float.NaN;
        e = assertThrows(IOException.class, () -> ScoreJson.writeComputed(file,
                new ScoreFile("m", "p", "logit_diff", 1, "CPU", 1, 0, Map.of(), new EdgeScores(g, nan)), null));
        assertTrue(e.getMessage().contains("the score of " + g.edgeName(2) + " is NaN"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file), "the good score file stays");
    }

    /** Scores opened from EAP-IG's files carry no metrics: exported, the unknown metric is left out, and reads back unknown. */
    @Test
    void anUnknownMetricIsWrittenAsNull() throws IOException {
        GraphIndex g = GraphIndex.of(1, 1);
        Path file = dir.resolve("unknown.json");
        ScoreJson.write(file, new ScoreFile("m", "p", "logit_diff", 1, "CPU", Double.NaN, Double.NaN, Map.of(), new EdgeScores(g, new float[g.edgeCount()])));
        assertTrue(!Files.readString(file).contains("metric_clean") && !Files.readString(file).contains("NaN"), Files.readString(file));
        assertTrue(Double.isNaN(ScoreJson.read(file).metricClean()));
    }
}
