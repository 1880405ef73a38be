package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.download.FakeDjlServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gpu-setup from the command line: the fetch into the cache, the offline line, and what --help promises. */
class GpuSetupCommandTest {

    @TempDir
    Path dir;

    @Test
    void fetchesIntoTheCacheAndSaysTheNextStartUsesIt() throws Exception {
        try (FakeDjlServer server = new FakeDjlServer()) {
            CliRun r = CliRun.of("gpu-setup", "--base-url", server.base().toString(), "--cache", dir.toString());
            assertEquals(0, r.code(), r.err());
            Path lib = dir.resolve("2.7.1-cu128-linux-x86_64");
            assertTrue(Files.isRegularFile(lib.resolve("libtorch_cuda.so")));
            assertEquals("libtorch 2.7.1 cu128 in " + lib.toAbsolutePath() + ": the program uses it from its next start "
                    + "(check with: eap-explorer doctor), then --device gpu", r.out().strip());
            assertTrue(r.err().contains("MB"), "progress in bytes on stderr: " + r.err());
        }
    }

    @Test
    void offlineIsOneLineNamingTheHostAndLibtorch() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliRun r = CliRun.of("gpu-setup", "--base-url", "http://127.0.0.1:" + closedPort, "--cache", dir.toString());
        assertEquals(1, r.code());
        String[] lines = r.err().strip().split("\n");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: cannot reach http://127.0.0.1:" + closedPort), lines[0]);
        assertTrue(lines[0].endsWith("pass --libtorch DIR instead."), lines[0]);
        assertFalse(Files.exists(dir.resolve("2.7.1-cu128-linux-x86_64")));
    }

    @Test
    void helpSaysWhatIsCheckedAndThatNoChecksumIsPublished() {
        CliRun r = CliRun.of("gpu-setup", "--help");
        assertEquals(0, r.code());
        String help = r.out().replaceAll("\\s+", " ");
        assertTrue(help.contains("gzip CRC-32"), help);
        assertTrue(help.contains("No published checksum is checked"), help);
        assertTrue(help.contains("--libtorch DIR instead"), help);
        assertTrue(help.contains("from publish.djl.ai"), help);
    }
}
