package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sharded model (model.safetensors.index.json and its shards, tiny-qwen2's layout) is identified by all its files: the
 * patching cache's key and the score file's hash, which used to read model.safetensors alone and failed without it.
 */
class ShardedModelIdentityTest {

    @TempDir
    Path dir;

    private Path copyOfTinyQwen2() throws IOException {
        Path model = dir.resolve("tiny-qwen2");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/tiny-qwen2"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }

    @Test
    void theWeightFilesAreTheIndexAndItsShards() throws IOException {
        Path model = copyOfTinyQwen2();
        assertEquals(List.of(model.resolve("model.safetensors.index.json"), model.resolve("model-00001-of-00002.safetensors"),
                model.resolve("model-00002-of-00002.safetensors")), SafetensorsCheckpoint.weightFiles(model));
        assertTrue(SafetensorsCheckpoint.hasWeights(model));
        assertEquals(List.of(), SafetensorsCheckpoint.weightFiles(dir), "no weights: nothing");
    }

    @Test
    void aChangedShardChangesTheHashAndTheCacheKey() throws IOException {
        Path model = copyOfTinyQwen2();
        Path prompts = model.resolve("prompts.jsonl");
        Path cacheDir = dir.resolve("cache");
        FileIdentity before = FileIdentity.ofAll("tiny-qwen2", SafetensorsCheckpoint.weightFiles(model));
        Path cacheBefore;
        try (PatchCache cache = PatchCache.forInputs(cacheDir, model, prompts, MetricKind.PROB_DIFF)) {
            cacheBefore = cache.file();
        }
        Path shard = model.resolve("model-00002-of-00002.safetensors");
        byte[] bytes = Files.readAllBytes(shard);
        bytes[bytes.length - 1] ^= 1;   // the last weight's last bit
        Files.write(shard, bytes);
        Files.setLastModifiedTime(shard, FileTime.fromMillis(Files.getLastModifiedTime(shard).toMillis() + 5_000));
        assertNotEquals(before, FileIdentity.ofAll("tiny-qwen2", SafetensorsCheckpoint.weightFiles(model)));
        try (PatchCache cache = PatchCache.forInputs(cacheDir, model, prompts, MetricKind.PROB_DIFF)) {
            assertNotEquals(cacheBefore, cache.file(), "effects of other weights are never read back");
        }
    }

    @Test
    void aSingleFileKeepsItsWeightsIdentity() throws IOException {
        Path model = dir.resolve("single");
        Files.createDirectories(model);
        Path weights = model.resolve("model.safetensors");
        Files.write(weights, new byte[] {1, 2, 3});
        assertEquals(FileIdentity.of("single", weights), FileIdentity.ofAll("single", List.of(weights)));
        assertEquals(FileIdentity.sha256(weights), FileIdentity.ofModel("single", model).sha256(),
                "metadata.model.sha256 keeps its meaning, the weights' SHA-256, for files written before and after");
    }

    /**
     * config.json and the tokenizer files the program reads change the numbers as the weights do: the cache key and the
     * model's identity follow their bytes (a same-size edit with the old modification time included), and nothing else.
     */
    @Test
    void configAndTokenizerFilesAreInTheCacheKeyAndTheModelIdentity() throws IOException {
        Path model = dir.resolve("gpt2-like");
        Files.createDirectories(model);
        Files.write(model.resolve("model.safetensors"), new byte[] {1, 2, 3});
        Path config = Files.writeString(model.resolve("config.json"), "{\"rope_theta\": 10000.0}");
        Path vocab = Files.writeString(model.resolve("vocab.json"), "{\"a\": 0}");
        Path merges = Files.writeString(model.resolve("merges.txt"), "#version: 0.2\n");
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{}\n");
        java.util.Set<String> keys = new java.util.HashSet<>();
        java.util.Set<FileIdentity> identities = new java.util.HashSet<>();
        record Change(String what, Path file, String text, boolean changesNumbers) {
        }
        List<Change> changes = List.of(
                new Change("nothing", null, null, true),
                new Change("rope_theta", config, "{\"rope_theta\": 50000.00}", true),
                new Change("vocab.json", vocab, "{\"b\": 0}", true),
                new Change("merges.txt", merges, "#version: 0.3\n", true),
                new Change("a file never read", model.resolve("README.md"), "hello", false),
                new Change("tokenizer.json, which is read before vocab.json", model.resolve("tokenizer.json"), "{}", true),
                new Change("tokenizer.json edited", model.resolve("tokenizer.json"), "[]", true),
                new Change("vocab.json, now unread", vocab, "{\"c\": 0}", false));
        for (Change c : changes) {
            if (c.file() != null) {
                FileTime time = Files.exists(c.file()) ? Files.getLastModifiedTime(c.file()) : null;
                Files.writeString(c.file(), c.text());
                if (time != null) {
                    Files.setLastModifiedTime(c.file(), time);
                }
            }
            String key;
            try (PatchCache cache = PatchCache.forInputs(dir.resolve("cache"), model, prompts, MetricKind.LOGIT_DIFF)) {
                key = cache.file().getFileName().toString();
            }
            assertEquals(c.changesNumbers(), keys.add(key), c.what() + ": a new cache key exactly when the numbers may change");
            assertEquals(c.changesNumbers(), identities.add(FileIdentity.ofModel("gpt2-like", model)), c.what() + ": the model's identity");
        }
    }
}
