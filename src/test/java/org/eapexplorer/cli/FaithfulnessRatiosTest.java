package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.engine.OracleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faithfulness's ratios have no value when the full model and the empty circuit give the same metric (corrupted
 * prompts equal to the clean ones): they are written as null, and the file stays strict JSON.
 */
class FaithfulnessRatiosTest {

    @TempDir
    Path dir;

    @Test
    void anUndefinedRatioIsNullNotNaN() throws Exception {
        OracleFixture f = OracleFixture.load("tiny-f32");
        Path prompts = Files.writeString(dir.resolve("same.jsonl"),
                "{\"clean\": \"john and mary\", \"corrupted\": \"john and mary\", \"answer\": \"john\", \"distractor\": \"mary\"}\n");
        Path scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", f.dir().toString(), "--prompts", prompts.toString(), "--device", "cpu",
                "--out", scores.toString()));
        Path out = dir.resolve("faith.json");
        assertEquals(0, EapCli.run("faithfulness", "--model", f.dir().toString(), "--prompts", prompts.toString(), "--scores",
                scores.toString(), "--points", "3", "--device", "cpu", "--out", out.toString()));
        String text = Files.readString(out);
        assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        JsonObject first = JsonParser.parseString(text).getAsJsonObject().getAsJsonArray("points").get(0).getAsJsonObject();
        assertTrue(first.get("normalized").isJsonNull(), text);
    }
}
