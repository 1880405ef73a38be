package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * random-model and train write a whole model folder: a non-empty one is refused unless --force, and with --force it is
 * replaced whole (no stale tokenizer file or orphaned shard left beside the new model), while a failed run leaves the
 * old folder as it was. They used to write into it, exit 0, and leave the old files beside the new.
 */
class ModelFolderOutputTest {

    @TempDir
    Path dir;

    /** Every file under {@code folder}, relative path → bytes as text of their hash: what "as it was" means. */
    private static Map<String, String> contents(Path folder) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), org.eapexplorer.io.FileIdentity.sha256(p));
            }
        }
        return files;
    }

    /** The folder's siblings: nothing may be left beside it (no staging folder, no old copy). */
    private java.util.List<String> siblings() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static String[] wordLevelGpt2(Path out, String... more) {
        return Stream.concat(Stream.of("random-model", "--out", out.toString(), "--layers", "1", "--heads", "2", "--d-model", "16",
                "--vocab", "100", "--positions", "32"), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void aNonEmptyFolderIsRefusedWithoutForceAndReplacedWholeWithIt() throws Exception {
        Path out = dir.resolve("model");
        // A sharded Llama first: an index and its shards.
        CliRun first = CliRun.of("random-model", "--arch", "llama", "--out", out.toString(), "--layers", "2", "--heads", "2",
                "--d-model", "16", "--vocab", "100", "--positions", "32", "--shard-size", "20000");
        assertEquals(0, first.code(), first.err());
        Map<String, String> llama = contents(out);
        assertTrue(llama.containsKey("model.safetensors.index.json"), llama.keySet().toString());

        CliRun refused = CliRun.of(wordLevelGpt2(out));
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("--out " + out) && refused.err().contains("not empty") && refused.err().contains("--force"),
                refused.err());
        assertEquals(llama, contents(out), "a refused run changes nothing");

        CliRun forced = CliRun.of(wordLevelGpt2(out, "--force"));
        assertEquals(0, forced.code(), forced.err());
        assertEquals(java.util.Set.of("config.json", "model.safetensors", "tokenizer.json"), contents(out).keySet(),
                "the new model alone: no index or shard of the old one");
        try (LanguageModel model = LanguageModel.load(out, ComputeDevice.CPU)) {
            assertEquals(1, model.config().nLayer());
        }
        assertEquals(java.util.List.of("model"), siblings());
    }

    /** A GPT-2-vocabulary model over a word-level one: the old tokenizer.json would win over the new vocab.json. */
    @Test
    void aStaleTokenizerIsNotLeftToBeReadInsteadOfTheNewOne() throws Exception {
        Path out = dir.resolve("model");
        assertEquals(0, CliRun.of(wordLevelGpt2(out)).code());
        CliRun forced = CliRun.of("random-model", "--out", out.toString(), "--layers", "1", "--heads", "2", "--d-model", "16",
                "--positions", "32", "--force");
        assertEquals(0, forced.code(), forced.err());
        assertEquals(java.util.Set.of("config.json", "model.safetensors", "vocab.json", "merges.txt"), contents(out).keySet());
        try (LanguageModel model = LanguageModel.load(out, ComputeDevice.CPU); Tokenizer t = Tokenizer.loadFor(out, model.config())) {
            assertEquals(50257, t.vocabSize());
        }
    }

    @Test
    void aFailedForcedRunLeavesTheOldFolderAsItWas() throws Exception {
        Path out = dir.resolve("model");
        assertEquals(0, CliRun.of(wordLevelGpt2(out)).code());
        Map<String, String> before = contents(out);
        // GPT-2's vocabulary from a folder without vocab.json: fails after the weights are written.
        Path noTokenizer = Files.createDirectories(dir.resolve("no-tokenizer"));
        CliRun failed = CliRun.of("random-model", "--out", out.toString(), "--layers", "1", "--heads", "2", "--d-model", "16",
                "--positions", "32", "--gpt2-tokenizer", noTokenizer.toString(), "--force");
        assertEquals(1, failed.code(), failed.err());
        assertEquals(before, contents(out));
        assertEquals(java.util.List.of("model", "no-tokenizer"), siblings(), "no staging folder left behind");
    }

    @Test
    void trainRefusesANonEmptyFolderBeforeTrainingAndReplacesItWithForce() throws Exception {
        Path out = dir.resolve("tiny");
        Files.createDirectories(out);
        Files.writeString(out.resolve("model-00002-of-00002.safetensors"), "an orphaned shard");
        String[] train = {"train", "--out", out.toString(), "--layers", "1", "--heads", "2", "--d-model", "16", "--d-mlp", "32",
                "--positions", "16", "--steps", "2", "--batch-size", "4", "--log-every", "1", "--held-out", "4", "--no-analysis"};
        CliRun refused = CliRun.of(train);
        assertEquals(1, refused.code(), refused.err());
        assertTrue(refused.err().contains("not empty") && refused.err().contains("--force"), refused.err());
        assertEquals(java.util.Set.of("model-00002-of-00002.safetensors"), contents(out).keySet());

        CliRun forced = CliRun.of(Stream.concat(Stream.of(train), Stream.of("--force")).toArray(String[]::new));
        assertEquals(0, forced.code(), forced.err());
        assertEquals(java.util.Set.of("config.json", "model.safetensors", "tokenizer.json", "training.json", "loss.png"), contents(out).keySet());
        assertEquals(java.util.List.of("tiny"), siblings());
    }

    @Test
    void anEmptyFolderNeedsNoForce() throws Exception {
        Path out = Files.createDirectories(dir.resolve("model"));
        CliRun run = CliRun.of(wordLevelGpt2(out));
        assertEquals(0, run.code(), run.err());
        assertEquals(java.util.Set.of("config.json", "model.safetensors", "tokenizer.json"), contents(out).keySet());
    }
}
