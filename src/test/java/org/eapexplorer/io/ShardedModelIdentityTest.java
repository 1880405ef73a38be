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
    void aSingleFileKeepsItsIdentityAndCacheKey() throws IOException {
        Path model = dir.resolve("single");
        Files.createDirectories(model);
        Path weights = model.resolve("model.safetensors");
        Files.write(weights, new byte[] {1, 2, 3});
        Path prompts = Files.writeString(dir.resolve("p.jsonl"), "{}\n");
        assertEquals(FileIdentity.of("single", weights), FileIdentity.ofAll("single", List.of(weights)));
        try (PatchCache byFolder = PatchCache.forInputs(dir.resolve("c"), model, prompts, MetricKind.LOGIT_DIFF);
             PatchCache byFile = PatchCache.open(dir.resolve("c"), weights, prompts, "logit_diff")) {
            assertEquals(byFile.file(), byFolder.file(), "the key of a single-file model is what it was: caches made before still open");
        }
    }
}
