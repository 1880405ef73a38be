package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.engine.OracleFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 24 item 10: a number no option can mean (overflowing to infinity, negative, zero where a count is needed,
 * past what any run could use) is refused naming the option, before a model is loaded, and nothing is written.
 */
class NumericOptionsTest {

    @TempDir
    static Path dir;
    static Path scores;

    @BeforeAll
    static void scores() {
        OracleFixture f = OracleFixture.load("tiny-f32");
        scores = dir.resolve("scores.json");
        assertEquals(0, EapCli.run("score", "--model", f.dir().toString(), "--prompts", f.prompts().toString(), "--device", "cpu",
                "--out", scores.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "render --scores SCORES --top-k 5 --out OUT.pdf --width 1e400in | --width: 1e400in is too large: a figure side must be between 1in and 100in",
            "render --scores SCORES --top-k 5 --out OUT.pdf --height 1e400cm | --height: 1e400cm is too large: a figure side must be between 1in and 100in",
            "render --scores SCORES --top-k 5 --out OUT.pdf --width 1e300in | --width 1.0E300in is out of range",
            "patch MODEL --edges m0->logits --batch-size -1 --out OUT.json | --batch-size must be positive, got -1",
            "patch-all MODEL --scores SCORES --top 0 --out OUT.json | --top must be positive, got 0",
            "faithfulness MODEL --scores SCORES --points 0 --out OUT.json | --points must be between 2 and 100000, got 0",
            "faithfulness MODEL --scores SCORES --points 1 --out OUT.json | --points must be between 2 and 100000, got 1",
            "faithfulness MODEL --scores SCORES --points 2000000000 --out OUT.json | --points must be between 2 and 100000, got 2000000000",
            "acdc MODEL --tau 0.1 --restrict SCORES --top-k -1 --out OUT.json | --top-k must be positive, got -1",
            "hybrid MODEL --scores SCORES --truth SCORES --eap-sizes 2,-2 --taus 0.1 --out OUT.json | --eap-sizes must be positive, got -2",
            "bench MODEL --runs 0 | --runs must be positive, got 0",
            "bench MODEL --warmup -1 | --warmup must be 0 or more, got -1",
            "bench MODEL --pairs -3 | --pairs must be positive, got -3",
            "bench MODEL --batch-size 0 | --batch-size must be positive, got 0",
            "score MODEL --threads 100000 --out OUT.json | --threads 100000 is too many: at most 1024",
            "score MODEL --threads -2 --out OUT.json | --threads must be positive, got -2",
            "score MODEL --method eap-ig-inputs --ig-steps 0 --out OUT.json | --ig-steps must be at least 1, got 0"})
    void refusedNamingTheOptionBeforeLoading(String command, String expected) {
        OracleFixture f = OracleFixture.load("tiny-f32");
        Path out = dir.resolve("out");
        List<String> args = new ArrayList<>();
        for (String word : command.trim().split(" ")) {
            switch (word) {
                case "MODEL" -> args.addAll(List.of("--model", f.dir().toString(), "--prompts", f.prompts().toString(), "--device", "cpu"));
                case "SCORES" -> args.add(scores.toString());
                default -> args.add(word.replace("OUT", out.toString()));
            }
        }
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertTrue(run.code() == 1 || run.code() == 2, run.err());
        String err = run.err().strip();
        assertTrue(err.startsWith("error: " + expected.trim()), err);
        assertEquals(1, err.lines().count(), "one line, and no model loaded: " + err);
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("out")), "nothing written");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
