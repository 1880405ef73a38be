package org.eapexplorer.ui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.stream.Stream;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.runtime.ComputeDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window keeps the loaded model between runs, keyed on the folder's files and not only its path: after an edit of
 * config.json (its modification time kept), the next run loads the model again instead of computing with the old one
 * (and keeping those numbers in the patching cache under the new files' key).
 */
class ModelCacheTest {

    @TempDir
    Path dir;

    @Test
    void anEditedConfigLoadsTheModelAgain() throws Exception {
        Path model = Files.createDirectories(dir.resolve("tiny-llama"));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fixtures/tiny-llama"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        try (ModelCache cache = new ModelCache()) {
            ModelCache.Loaded first = cache.acquire(model, ComputeDevice.CPU, JobContext.detached());
            ModelCache.Loaded again = cache.acquire(model, ComputeDevice.CPU, JobContext.detached());
            assertSame(first.model(), again.model(), "unchanged files: the loaded model is reused");
            assertEquals(0, again.loadMillis());

            Path config = model.resolve("config.json");
            FileTime time = Files.getLastModifiedTime(config);
            String text = Files.readString(config);
            assertTrue(text.contains("\"rope_theta\": 10000.0"));
            Files.writeString(config, text.replace("\"rope_theta\": 10000.0", "\"rope_theta\": 50.0"));
            Files.setLastModifiedTime(config, time);
            ModelCache.Loaded edited = cache.acquire(model, ComputeDevice.CPU, JobContext.detached());
            assertNotSame(first.model(), edited.model(), "an edited config.json is loaded again");
            assertTrue(edited.loadMillis() > 0);
        }
    }
}
