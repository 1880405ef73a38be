package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.engine.NanModel;
import org.eapexplorer.engine.OracleFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 24 item 3: every command that runs a model refuses a run that comes out NaN, naming the run, the metric and
 * the pairs, before it writes anything; the output file it was given is not what the message is about.
 */
class NonFiniteRunCommandsTest {

    @TempDir
    static Path dir;
    static Path model;
    static Path scores;

    @BeforeAll
    static void models() throws Exception {
        model = NanModel.write(dir.resolve("nan-model"));
        // Scores of the same graph from the finite model: the commands that read scores get as far as running the NaN one.
        OracleFixture finite = OracleFixture.load("tiny-f32");
        scores = dir.resolve("finite-scores.json");
        assertEquals(0, EapCli.run("score", "--model", finite.dir().toString(), "--prompts", finite.prompts().toString(),
                "--device", "cpu", "--out", scores.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"score", "score --method eap-ig-inputs --ig-steps 2", "score --method clean-corrupted",
            "patch-all --top 3 --no-cache --scores SCORES", "faithfulness --points 3 --scores SCORES", "acdc --tau 0.1"})
    void aNaNRunIsRefusedNamingItsCauseAndWritesNothing(String command) throws Exception {
        Path out = dir.resolve(command.replaceAll("[^a-z]", "") + ".json");
        List<String> args = new ArrayList<>();
        for (String word : command.split(" ")) {
            args.add(word.equals("SCORES") ? scores.toString() : word);
        }
        args.addAll(List.of("--model", model.toString(), "--prompts", NanModel.prompts(model).toString(), "--device", "cpu",
                "--out", out.toString()));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(1, run.code(), run.err());
        String last = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("error: ") && last.contains(" run's ") && last.contains(" is NaN for ") && last.contains("prompt pairs"), last);
        assertTrue(!last.contains(out.toString()), "the cause, not the output file: " + last);
        assertTrue(Files.notExists(out), "nothing written");
    }
}
