package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line takes the shipped model, prompt sets and ground truths by the names the window offers them under
 * (issue 26: the installed program said "not a directory" for {@code --model induction-2l}), lists them, and refuses an
 * unknown name listing the shipped ones.
 */
class ShippedNamesTest {

    @TempDir
    Path dir;

    @Test
    void scoreTakesTheBuiltInModelAndPromptsByName() throws Exception {
        Path out = dir.resolve("scores.json");
        CliRun run = CliRun.of("score", "--model", "induction-2l", "--prompts", "induction.jsonl", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        String json = Files.readString(out);
        assertTrue(json.contains("\"metric_clean\": 14.2774"), json.substring(0, Math.min(600, json.length())));
        assertTrue(json.contains("\"pairs\": 99"), json.substring(0, Math.min(600, json.length())));
    }

    @Test
    void anUnknownModelOrPromptNameIsRefusedListingTheShippedOnes() {
        CliRun run = CliRun.of("score", "--model", "induction-3l", "--prompts", "induction.jsonl", "--out", dir.resolve("s.json").toString());
        assertEquals(2, run.code());
        assertEquals("error: Invalid value for option '--model': induction-3l: no such file or folder, and no shipped model of that "
                + "name (expected a model folder or one of the shipped models: induction-2l) (see 'eap-explorer score --help')",
                run.err().strip());
        run = CliRun.of("patch", "--model", "induction-2l", "--prompts", "inductions.jsonl", "--edges", "m0->logits",
                "--out", dir.resolve("c.json").toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("no shipped prompt set of that name (expected a prompt file or one of the shipped prompt sets: "
                + "docstring.jsonl, greater-than.jsonl, induction.jsonl, ioi-acdc.jsonl, ioi.jsonl)"), run.err());
    }

    @Test
    void evaluateTakesAShippedGroundTruthByName() throws Exception {
        Path scores = dir.resolve("scores.json");
        assertEquals(0, CliRun.of("score", "--model", "induction-2l", "--prompts", "induction.jsonl", "--out", scores.toString()).code());
        CliRun run = CliRun.of("evaluate", "--scores", scores.toString(), "--truth", "ioi.json", "--out", dir.resolve("roc.json").toString());
        // The IOI circuit is GPT-2 small's: found by name, then refused for this graph, naming the shipped file.
        assertEquals(1, run.code(), run.err());
        assertTrue(run.err().contains(Path.of("assets", "groundtruth", "ioi.json").toAbsolutePath().toString()), run.err());
    }

    @Test
    void theWindowsOptionsTakeThemByNameToo() {
        org.eapexplorer.UiOptions options = org.eapexplorer.UiOptions.parse(java.util.List.of("--model", "induction-2l", "--prompts", "ioi.jsonl"));
        assertEquals(Path.of("assets/models/induction-2l").toAbsolutePath(), options.model());
        assertEquals(Path.of("sample-prompts/ioi.jsonl").toAbsolutePath(), options.prompts());
    }

    @Test
    void listNamesEveryShippedInputWithItsPath() {
        CliRun run = CliRun.of("list");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        for (String line : new String[] {
                "induction-2l +" + Path.of("assets/models/induction-2l").toAbsolutePath(),
                "induction.jsonl +" + Path.of("sample-prompts/induction.jsonl").toAbsolutePath(),
                "ioi.json +" + Path.of("assets/groundtruth/ioi.json").toAbsolutePath()}) {
            assertTrue(out.lines().anyMatch(l -> l.strip().matches(line.replace(".", "\\."))), line + " not in\n" + out);
        }
        assertTrue(out.contains("models (--model NAME)"), out);
        assertTrue(out.contains("prompt sets (--prompts NAME)"), out);
        assertTrue(out.contains("ground truths (--truth NAME)"), out);
    }
}
