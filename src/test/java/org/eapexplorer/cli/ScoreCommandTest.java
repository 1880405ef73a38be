package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
