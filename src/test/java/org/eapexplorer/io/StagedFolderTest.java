package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a killed run leaves beside a folder written whole is tidied by the next one, and an old folder set aside goes back. */
class StagedFolderTest {

    @TempDir
    Path dir;

    private List<String> names() throws Exception {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDeadRunsStagingIsRemovedAndItsOldFolderPutBackWhereTheFolderIsMissing() throws Exception {
        // Process 2^31-2 is never running: both were left by a run killed between its two renames.
        Path staging = Files.createDirectories(dir.resolve(".model.eap-2147483646-5-ab.staging"));
        Files.writeString(staging.resolve("config.json"), "{}");
        Path old = Files.createDirectories(dir.resolve(".model.eap-2147483646-5-cd.old"));
        Files.writeString(old.resolve("config.json"), "the user's model");
        try (StagedFolder other = StagedFolder.create(dir.resolve("other"))) {
            assertTrue(Files.isDirectory(other.path()));
        }
        assertEquals(List.of("model"), names(), "staging removed, the old folder back, the unfinished one gone");
        assertEquals("the user's model", Files.readString(dir.resolve("model").resolve("config.json")));
    }

    @Test
    void aCommitReplacesTheFolderWholeAndCloseWithoutOneChangesNothing() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("stale.txt"), "old");
        try (StagedFolder s = StagedFolder.create(model)) {
            Files.writeString(s.path().resolve("config.json"), "{}");
        }
        assertEquals(List.of("model"), names());
        assertTrue(Files.exists(model.resolve("stale.txt")), "not committed: as it was");
        try (StagedFolder s = StagedFolder.create(model)) {
            Files.writeString(s.path().resolve("config.json"), "{}");
            s.commit();
        }
        assertEquals(List.of("model"), names());
        assertFalse(Files.exists(model.resolve("stale.txt")));
        assertTrue(Files.exists(model.resolve("config.json")));
    }
}
