package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 24 item 9: a settings file is read only while it is a short UTF-8 text file; anything else is one line. */
class SettingsTextTest {

    @TempDir
    Path dir;

    private String refusal(Path file) {
        return assertThrows(IOException.class, () -> SettingsText.read(file)).getMessage();
    }

    @Test
    void aShortTextFileIsReadAndAMissingOneIsNothing() throws IOException {
        assertEquals(Optional.of("/opt/torch/lib\n"), SettingsText.read(Files.writeString(dir.resolve("libtorch.txt"), "/opt/torch/lib\n")));
        assertEquals(Optional.empty(), SettingsText.read(dir.resolve("none.txt")));
    }

    @Test
    void a400MegabyteFileIsRefusedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("libtorch.txt");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(400L << 20);   // sparse: no disk used
        }
        assertEquals(file + " is 419430400 bytes, more than a settings file holds (at most 65536); the defaults are used", refusal(file));
    }

    @Test
    void aFolderAPipeBinaryAndInvalidUtf8AreRefusedNamingTheFile() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("recent-models.txt"));
        assertEquals(folder + " is a folder, not a settings file; the defaults are used", refusal(folder));
        Path binary = Files.write(dir.resolve("palette.txt"), new byte[] {'o', 'k', 0, 1, 2});
        assertEquals(binary + " holds binary data, not text; the defaults are used", refusal(binary));
        Path latin1 = Files.write(dir.resolve("window.properties"), new byte[] {'x', '=', (byte) 0xE9, (byte) 0xFF});
        assertEquals(latin1 + " is not UTF-8 text; the defaults are used", refusal(latin1));
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutWaitingOnIt() throws Exception {
        Assumptions.assumeTrue(Path.of("/usr/bin/mkfifo").toFile().canExecute(), "no mkfifo here");
        Path fifo = dir.resolve("libtorch.txt");
        assertEquals(0, new ProcessBuilder("/usr/bin/mkfifo", fifo.toString()).start().waitFor());
        assertTrue(refusal(fifo).startsWith(fifo + " is not a regular file"), refusal(fifo));
    }
}
