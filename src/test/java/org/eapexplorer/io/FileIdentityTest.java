package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileIdentityTest {

    @TempDir
    Path dir;

    /** Streamed in 1 MiB reads, the digest equals that of the whole file at once, across buffer boundaries. */
    @Test
    void hashesAFileLargerThanItsBufferAsAWhole() throws Exception {
        byte[] bytes = new byte[3 * (1 << 20) + 12_345];
        new Random(3).nextBytes(bytes);
        Path f = dir.resolve("model.safetensors");
        Files.write(f, bytes);
        FileIdentity id = FileIdentity.of("tiny", f);
        assertEquals("tiny", id.name());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), id.sha256());
    }
}
