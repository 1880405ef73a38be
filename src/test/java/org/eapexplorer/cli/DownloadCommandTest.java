package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** download from the command line: what --help promises, and --files that would leave --out. */
class DownloadCommandTest {

    @TempDir
    Path dir;

    @Test
    void filesOutsideOutAreRefusedNamingTheOptionBeforeAnythingIsFetched() {
        for (String name : new String[] {"../x", "a/../../x", dir.resolve("abs").toString()}) {
            CliRun r = CliRun.of("download", "--base-url", "http://127.0.0.1:9", "--files", "config.json," + name,
                    "--out", dir.resolve("m").toString());
            assertEquals(1, r.code(), r.err());
            String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
            assertTrue(r.err().contains("--files") && r.err().contains("\"" + name + "\""), r.err());
            assertFalse(r.err().contains("cannot reach"), "refused before any connection: " + r.err());
            assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("m")), last);
        }
    }

    @Test
    void helpSaysWhatIsCheckedAndNoMore() {
        CliRun r = CliRun.of("download", "--help");
        assertEquals(0, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        assertFalse(help.contains("every file's size and SHA-256"), help);
        assertTrue(help.contains("size alone"), help);
        assertTrue(help.contains("--read-timeout"), help);
    }

    @Test
    void aReadTimeoutThatIsNotAPositiveNumberOfSecondsIsRefusedNamingTheOption() {
        for (String command : new String[] {"download", "gpu-setup"}) {
            for (String value : new String[] {"0", "-1", "NaN", "Infinity"}) {
                CliRun r = CliRun.of(command, "--read-timeout", value, "--base-url", "http://127.0.0.1:9",
                        command.equals("download") ? "--out" : "--cache", dir.resolve("t").toString());
                assertEquals(1, r.code(), r.err());
                assertTrue(r.err().contains("--read-timeout must be a number of seconds above 0"), r.err());
                assertFalse(r.err().contains("cannot reach"), r.err());
            }
        }
    }
}
