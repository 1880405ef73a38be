package org.eapexplorer.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an index's shard names and a model folder's files may be. Two spellings of one shard ({@code x}, {@code ./x}) are
 * one shard, as transformers reads them (it joins each name to the folder and loads the file); a FIFO or a link to a
 * device is refused as "not a regular file" before it is opened (opening a FIFO waits for a writer for ever), where it
 * used to be said not to exist, or to hang.
 */
class ShardFilesTest {

    private static final String SHARD_2 = "model-00002-of-00002.safetensors";
    private static final Duration QUICK = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Path copyOfTinyQwen2() throws IOException {
        return copyOfTinyQwen2("tiny-qwen2");
    }

    private Path copyOfTinyQwen2(String name) throws IOException {
        Path model = dir.resolve(name);
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/tiny-qwen2"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }

    private static void mkfifo(Path path) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", path.toString()).start();
        } catch (IOException e) {
            Assumptions.abort("no mkfifo here");
            return;
        }
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(path), "mkfifo made " + path);
    }

    private static String refusal(org.junit.jupiter.api.function.Executable read) {
        return assertTimeoutPreemptively(QUICK, () -> assertThrows(IOException.class, read)).getMessage();
    }

    @Test
    void twoSpellingsOfOneShardAreOneShard() throws Exception {
        Path model = copyOfTinyQwen2();
        Path index = model.resolve(SafetensorsCheckpoint.INDEX_FILE);
        String text = Files.readString(index);
        // Half the second shard's tensors by "./x", one by "sub/../x": the same file.
        String respelled = text.replaceFirst("\"" + SHARD_2 + "\"", "\"./" + SHARD_2 + "\"")
                .replaceFirst("\"(model\\.layers\\.1\\.mlp\\.up_proj\\.weight)\": \"" + SHARD_2 + "\"", "\"$1\": \"./sub/../" + SHARD_2 + "\"");
        Files.createDirectories(model.resolve("sub"));
        assertTrue(!respelled.equals(text));
        Files.writeString(index, respelled);
        try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(model);
             SafetensorsCheckpoint original = SafetensorsCheckpoint.open(Path.of("src/test/resources/fixtures/tiny-qwen2"))) {
            assertEquals(2, c.files().size(), c.files().toString());
            assertEquals(original.names(), c.names());
            for (String name : original.names()) {
                assertArrayEquals(original.readFloats(name), c.readFloats(name), name);
            }
        }
        assertEquals(3, SafetensorsCheckpoint.weightFiles(model).size());
    }

    @Test
    void aShardThatIsAFifoIsRefusedAsNotARegularFileWithoutWaiting() throws Exception {
        Path model = copyOfTinyQwen2();
        Files.delete(model.resolve(SHARD_2));
        mkfifo(model.resolve(SHARD_2));
        String message = refusal(() -> SafetensorsCheckpoint.open(model).close());
        assertTrue(message.contains(SHARD_2) && message.contains("not a regular file") && message.contains("FIFO")
                && !message.contains("does not exist"), message);
        message = refusal(() -> SafetensorsCheckpoint.weightFiles(model));
        assertTrue(message.contains("not a regular file"), message);
    }

    @Test
    void aShardThatIsALinkToDevZeroIsRefusedAsNotARegularFile() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
        Path model = copyOfTinyQwen2();
        Files.delete(model.resolve(SHARD_2));
        Files.createSymbolicLink(model.resolve(SHARD_2), Path.of("/dev/zero"));
        String message = refusal(() -> SafetensorsCheckpoint.open(model).close());
        assertTrue(message.contains(SHARD_2) && message.contains("not a regular file") && message.contains("/dev/zero")
                && message.contains("character device") && !message.contains("does not exist"), message);
    }

    @Test
    void aSingleWeightsFileThatIsAFifoIsRefusedAsSuch() throws Exception {
        Path model = Files.createDirectories(dir.resolve("single"));
        mkfifo(model.resolve(SafetensorsCheckpoint.SINGLE_FILE));
        String message = refusal(() -> SafetensorsCheckpoint.open(model).close());
        assertTrue(message.contains("model.safetensors") && message.contains("not a regular file"), message);
        message = refusal(() -> SafetensorsFile.open(model.resolve(SafetensorsCheckpoint.SINGLE_FILE)).close());
        assertTrue(message.contains("not a regular file"), message);
    }

    /** The rest of the kind: every file a run reads, a FIFO in its place is refused at once, naming it. */
    @Test
    void noFileTheProgramReadsHangsWhenItIsAFifo() throws Exception {
        Path model = copyOfTinyQwen2();
        Path config = model.resolve("config.json");
        Files.delete(config);
        mkfifo(config);
        String message = refusal(() -> LanguageModel.load(model, ComputeDevice.CPU).close());
        assertTrue(message.contains("config.json") && message.contains("not a regular file"), message);

        Path tokenizer = copyOfTinyQwen2("tokenizer-fifo");
        Files.delete(tokenizer.resolve("tokenizer.json"));
        mkfifo(tokenizer.resolve("tokenizer.json"));
        message = refusal(() -> Tokenizer.load(tokenizer).close());
        assertTrue(message.contains("tokenizer.json") && message.contains("not a regular file"), message);

        Path prompts = dir.resolve("prompts.jsonl");
        mkfifo(prompts);
        message = refusal(() -> PromptPairFile.read(prompts));
        assertTrue(message.contains("prompts.jsonl") && message.contains("not a regular file"), message);

        Path scores = dir.resolve("scores.json");
        mkfifo(scores);
        message = refusal(() -> ScoreJson.read(scores));
        assertTrue(message.contains("scores.json") && message.contains("not a regular file"), message);
    }
}
