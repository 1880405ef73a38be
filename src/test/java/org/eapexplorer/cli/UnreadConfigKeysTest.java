package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config.json key no configuration class of the family defines is read by nothing, here or in transformers: a
 * misspelt "rope_thetaa" would leave rope_theta at its default in silence. Every model command names such keys.
 */
class UnreadConfigKeysTest {

    private static final Path TINY_LLAMA = Path.of("src/test/resources/fixtures/tiny-llama");

    @TempDir
    Path dir;

    private CliRun score(Path model) {
        return CliRun.of("score", "--model", model.toString(), "--prompts", TINY_LLAMA.resolve("prompts.jsonl").toString(),
                "--device", "cpu", "--out", dir.resolve("scores-" + model.getFileName() + ".json").toString());
    }

    @Test
    void aKeyNothingReadsIsNamed() throws Exception {
        Path model = dir.resolve("misspelt");
        Files.createDirectories(model);
        for (String name : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(TINY_LLAMA.resolve(name), model.resolve(name));
        }
        Path config = model.resolve("config.json");
        Files.writeString(config, Files.readString(config).replaceFirst("\\{", "{\n  \"rope_thetaa\": 500000.0,"));
        CliRun run = score(model);
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains(config + ": not read, as no configuration class of Llama defines them (a misspelt key would be one): rope_thetaa"),
                run.err());
    }

    @Test
    void aConfigWhoseKeysAreAllKnownSaysNothingOfThem() {
        CliRun run = score(TINY_LLAMA);
        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("not read, as no configuration class"), run.err());
    }
}
