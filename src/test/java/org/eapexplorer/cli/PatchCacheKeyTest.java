package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * patch-all's cache is keyed on everything that changes the numbers: after an edit of config.json's rope_theta, or of
 * the tokenizer's BOS post-processor, a run with the cache must compute again and equal a run with --no-cache (it used
 * to say "N of N edges from the cache" and write the old model's effects).
 */
class PatchCacheKeyTest {

    @TempDir
    Path dir;

    private Path copyOfTinyLlama() throws Exception {
        Path model = dir.resolve("tiny-llama");
        Files.createDirectories(model);
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/tiny-llama"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        return model;
    }

    private Map<String, Double> patchAll(Path model, String cacheOrNoCache, String name) {
        Path out = dir.resolve(name + ".json");
        String[] cache = cacheOrNoCache == null ? new String[] {"--no-cache"} : new String[] {"--cache", cacheOrNoCache};
        String[] args = Stream.of(new String[] {"patch-all", "--model", model.toString(), "--prompts", model.resolve("prompts.jsonl").toString(),
                "--device", "cpu", "--out", out.toString()}, cache).flatMap(Stream::of).toArray(String[]::new);
        CliRun run = CliRun.of(args);
        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("from the cache"), name + " must not come from the cache: " + run.err());
        Map<String, Double> effects = new TreeMap<>();
        try {
            JsonObject edges = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("edges");
            for (Map.Entry<String, JsonElement> e : edges.entrySet()) {
                effects.put(e.getKey(), e.getValue().getAsJsonObject().get("score").getAsDouble());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return effects;
    }

    /** Rewrites {@code file} with {@code from} replaced by {@code to}, keeping its modification time: only the bytes tell. */
    private static void edit(Path file, String from, String to) throws Exception {
        String text = Files.readString(file);
        assertTrue(text.contains(from), file + " holds " + from);
        FileTime time = Files.getLastModifiedTime(file);
        Files.writeString(file, text.replace(from, to));
        Files.setLastModifiedTime(file, time);
    }

    @Test
    void anEditedRopeThetaIsComputedAgainNotServedFromTheCache() throws Exception {
        Path model = copyOfTinyLlama();
        String cache = dir.resolve("cache").toString();
        Map<String, Double> before = patchAll(model, cache, "before");
        edit(model.resolve("config.json"), "\"rope_theta\": 10000.0", "\"rope_theta\": 50.0");
        Map<String, Double> cached = patchAll(model, cache, "after-with-cache");
        Map<String, Double> fresh = patchAll(model, null, "after-no-cache");
        assertNotEquals(before, fresh, "rope_theta changes the effects (else this test proves nothing)");
        assertEquals(fresh, cached);
        // The score file says which config.json and tokenizer its numbers came from, beside the weights.
        JsonObject identity = JsonParser.parseString(Files.readString(dir.resolve("after-with-cache.json"))).getAsJsonObject()
                .getAsJsonObject("metadata").getAsJsonObject("model");
        assertEquals(org.eapexplorer.io.FileIdentity.sha256(model.resolve("config.json")), identity.get("config_sha256").getAsString());
        assertEquals(org.eapexplorer.io.FileIdentity.sha256(model.resolve("tokenizer.json")), identity.get("tokenizer_sha256").getAsString());
        assertEquals(org.eapexplorer.io.FileIdentity.sha256(model.resolve("model.safetensors")), identity.get("sha256").getAsString());
    }

    @Test
    void anEditedBosPostProcessorIsComputedAgainNotServedFromTheCache() throws Exception {
        Path model = copyOfTinyLlama();
        String cache = dir.resolve("cache").toString();
        Map<String, Double> before = patchAll(model, cache, "before");
        Path tokenizer = model.resolve("tokenizer.json");
        JsonObject json = JsonParser.parseString(Files.readString(tokenizer)).getAsJsonObject();
        FileTime time = Files.getLastModifiedTime(tokenizer);
        json.add("post_processor", com.google.gson.JsonNull.INSTANCE);   // no BOS in front of the prompts any more
        Files.writeString(tokenizer, json.toString());
        Files.setLastModifiedTime(tokenizer, time);
        Map<String, Double> cached = patchAll(model, cache, "after-with-cache");
        Map<String, Double> fresh = patchAll(model, null, "after-no-cache");
        assertNotEquals(before, fresh, "the BOS changes the effects (else this test proves nothing)");
        assertEquals(fresh, cached);
    }
}
