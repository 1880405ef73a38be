package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eapexplorer.engine.OracleFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * No command may write onto its own inputs: every writing command, pointed at one of its inputs (directly, through a
 * link, a hard link or inside the model folder), fails before doing any work, names both paths, and leaves every input
 * as it was.
 */
class OutputGuardTest {

    @TempDir
    Path dir;

    Path model;
    Path prompts;
    Path scores;
    Path truth;
    private final Map<Path, byte[]> before = new HashMap<>();

    @BeforeEach
    void copyInputs() throws IOException {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        model = Files.createDirectory(dir.resolve("model"));
        for (String f : List.of("config.json", "model.safetensors", "tokenizer.json")) {
            Files.copy(fixture.dir().resolve(f), model.resolve(f));
        }
        prompts = Files.copy(fixture.prompts(), dir.resolve("prompts.jsonl"));
        // Any valid score and truth files serve: the run must stop before reading them.
        scores = Files.writeString(dir.resolve("scores.json"), "{\"edges\": {}}\n");
        truth = Files.writeString(dir.resolve("truth.json"), "{\"edges\": []}\n");
        for (Path p : List.of(model.resolve("config.json"), model.resolve("model.safetensors"), model.resolve("tokenizer.json"), prompts, scores, truth)) {
            before.put(p, Files.readAllBytes(p));
        }
    }

    @Test
    void everyWritingCommandRefusesAnOutputOntoItsInputs() throws Exception {
        String m = model.toString();
        String p = prompts.toString();
        String s = scores.toString();
        String t = truth.toString();
        List<String[]> runs = new ArrayList<>();
        for (String target : List.of(model.resolve("model.safetensors").toString(), model.resolve("config.json").toString(), p,
                model.resolve("new.json").toString())) {
            runs.add(new String[] {"score", "--model", m, "--prompts", p, "--device", "cpu", "--out", target});
            runs.add(new String[] {"patch", "--model", m, "--prompts", p, "--edges", "m0->logits", "--device", "cpu", "--out", target});
            runs.add(new String[] {"patch-all", "--model", m, "--prompts", p, "--no-cache", "--device", "cpu", "--out", target});
            runs.add(new String[] {"faithfulness", "--model", m, "--prompts", p, "--scores", s, "--device", "cpu", "--out", target});
            runs.add(new String[] {"acdc", "--model", m, "--prompts", p, "--tau", "0.1", "--device", "cpu", "--out", target});
            runs.add(new String[] {"hybrid", "--model", m, "--prompts", p, "--scores", s, "--truth", t, "--eap-sizes", "2", "--taus", "0.1",
                    "--device", "cpu", "--out", target});
        }
        runs.add(new String[] {"faithfulness", "--model", m, "--prompts", p, "--scores", s, "--device", "cpu", "--out", s});
        runs.add(new String[] {"acdc", "--model", m, "--prompts", p, "--tau", "0.1", "--restrict", s, "--top-k", "2", "--out", s});
        runs.add(new String[] {"hybrid", "--model", m, "--prompts", p, "--scores", s, "--truth", t, "--eap-sizes", "2", "--taus", "0.1", "--out", t});
        runs.add(new String[] {"patch-all", "--model", m, "--prompts", p, "--top", "2", "--scores", s, "--no-cache", "--out", s});
        runs.add(new String[] {"patch-all", "--model", m, "--prompts", p, "--cache", model.toString(), "--out", dir.resolve("x.json").toString()});
        runs.add(new String[] {"patch-all", "--model", m, "--prompts", p, "--cache", dir.toString(), "--out", dir.resolve("x.json").toString()});
        runs.add(new String[] {"render", "--scores", s, "--top-k", "1", "--out", s});
        runs.add(new String[] {"evaluate", "--scores", s, "--truth", t, "--out", s});
        runs.add(new String[] {"evaluate", "--scores", s, "--truth", t, "--out", t});
        runs.add(new String[] {"evaluate", "--scores", s, "--truth", t, "--circuits", p, "--out", p});
        runs.add(new String[] {"random-model", "--out", "assets/tokenizers/gpt2"});
        runs.add(new String[] {"random-model", "--out", "assets/tokenizers"});
        runs.add(new String[] {"train", "--out", dir.resolve("trained").toString(), "--prompts", dir.resolve("trained/config.json").toString(), "--steps", "1"});
        for (String[] args : runs) {
            String err = refused(args);
            assertTrue(err.contains("would destroy the run's own input") || err.contains("give each output its own path"), String.join(" ", args) + "\n" + err);
            assertInputsUnchanged(String.join(" ", args));
        }
        assertFalse(Files.exists(dir.resolve("x.json")));
        assertFalse(Files.exists(dir.resolve("trained")), "train refused before creating its folder");
    }

    @Test
    void everyCommandWithAnOutputOptionDeclaresItsInputsAndOutputs() {
        CommandLine cli = new CommandLine(new EapCli());
        List<String> unchecked = new ArrayList<>();
        cli.getSubcommands().forEach((name, command) -> {
            boolean writes = command.getCommandSpec().options().stream()
                    .anyMatch(o -> List.of("--out", "--cache", "--screenshot", "--save-session").contains(o.longestName()));
            if (writes && !(command.getCommand() instanceof WritesFiles)) {
                unchecked.add(name);
            }
        });
        assertEquals(List.of(), unchecked, "commands whose outputs OutputGuard never sees");
    }

    @Test
    void theMessageNamesTheOutputAndTheInput() throws Exception {
        String err = refused("score", "--model", model.toString(), "--prompts", prompts.toString(), "--out", model.resolve("model.safetensors").toString());
        assertTrue(err.contains("--out " + model.resolve("model.safetensors") + " lies inside --model " + model), err);
        err = refused("evaluate", "--scores", scores.toString(), "--truth", truth.toString(), "--out", truth.toString());
        assertTrue(err.contains("--out " + truth + " is the same file as --truth " + truth), err);
        assertEquals(1, err.lines().count(), "one line, no stack trace: " + err);
    }

    @Test
    void linksAndOtherSpellingsOfAnInputAreCaught() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), prompts);
        Path hard = Files.createLink(dir.resolve("hard.json"), truth);
        Path modelLink = Files.createSymbolicLink(dir.resolve("model-link"), model);
        Path blob = Files.move(model.resolve("tokenizer.json"), dir.resolve("blob-tokenizer"));
        Files.createSymbolicLink(model.resolve("tokenizer.json"), blob);   // as the Hugging Face cache lays out a snapshot
        before.put(model.resolve("tokenizer.json"), before.get(model.resolve("tokenizer.json")));
        String m = model.toString();
        String p = prompts.toString();
        List<String[]> runs = List.of(
                new String[] {"score", "--model", m, "--prompts", p, "--out", link.toString()},
                new String[] {"score", "--model", m, "--prompts", link.toString(), "--out", p},
                new String[] {"score", "--model", modelLink.toString(), "--prompts", p, "--out", model.resolve("x.json").toString()},
                new String[] {"score", "--model", m, "--prompts", p, "--out", modelLink.resolve("config.json").toString()},
                new String[] {"score", "--model", m, "--prompts", p, "--out", dir.resolve("model/../prompts.jsonl").toString()},
                new String[] {"score", "--model", m, "--prompts", p, "--out", blob.toString()},
                new String[] {"evaluate", "--scores", scores.toString(), "--truth", truth.toString(), "--out", hard.toString()});
        for (String[] args : runs) {
            String err = refused(args);
            assertTrue(err.contains("would destroy the run's own input"), String.join(" ", args) + "\n" + err);
            assertInputsUnchanged(String.join(" ", args));
        }
        assertArrayEquals(before.get(truth), Files.readAllBytes(hard));
    }

    @Test
    void aCacheThatIsAFileAndAnOutputThatIsAFolderAreSaidInWords() throws Exception {
        Path file = Files.writeString(dir.resolve("cache-file"), "x");
        String err = refused("patch-all", "--model", model.toString(), "--prompts", prompts.toString(), "--cache", file.toString(),
                "--out", dir.resolve("x.json").toString());
        assertTrue(err.contains("--cache " + file + " is a file, expected a folder"), err);
        err = refused("render", "--scores", scores.toString(), "--top-k", "1", "--out", Files.createDirectory(dir.resolve("out.svg")).toString());
        assertTrue(err.contains("is a folder, expected a file name"), err);
        err = refused("render", "--scores", scores.toString(), "--top-k", "1", "--out", file.resolve("graph.svg").toString());
        assertTrue(err.contains("cannot write --out " + file.resolve("graph.svg") + ": " + file + " is a file, not a folder"), err);
    }

    @Test
    void aBarePathFromTheFileSystemIsSaidInWords() {
        // Files.copy's NoSuchFileException has only the path as its message.
        String err = refused("random-model", "--layers", "1", "--heads", "1", "--d-model", "8", "--positions", "8",
                "--gpt2-tokenizer", dir.resolve("missing").toString(), "--out", dir.resolve("m").toString());
        assertEquals("error: no such file or folder: " + dir.resolve("missing").resolve("vocab.json"), err);
    }

    @Test
    void outputsBesideTheInputsAreFine() throws Exception {
        // The check refuses only real clashes: an output next to the prompts, or with a name like an input's, passes.
        Path out = dir.resolve("sub").resolve("scores.json");
        int code = EapCli.run("score", "--model", model.toString(), "--prompts", prompts.toString(), "--device", "cpu", "--out", out.toString());
        assertEquals(0, code);
        assertTrue(Files.exists(out));
        assertInputsUnchanged("score beside its inputs");
    }

    private String refused(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = EapCli.run(args);
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, code, String.join(" ", args) + "\n" + text);
        assertTrue(text.startsWith("error: "), text);
        return text.strip();
    }

    private void assertInputsUnchanged(String what) throws IOException {
        for (Map.Entry<Path, byte[]> e : before.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), what + ": " + e.getKey() + " changed");
        }
        try (Stream<Path> files = Files.list(model)) {
            assertEquals(List.of("config.json", "model.safetensors", "tokenizer.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), what + ": nothing new in the model folder");
        }
    }
}
