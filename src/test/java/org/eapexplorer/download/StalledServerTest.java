package org.eapexplorer.download;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server that accepts and then sends nothing: download and gpu-setup give up after the read timeout, naming it. */
class StalledServerTest {

    private static final Duration SHORT = Duration.ofMillis(800);
    private static final Duration BOUND = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aHubThatNeverAnswersIsGivenUpOnNamingTheServerAndTheFile() throws Exception {
        try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT)) {
            DownloadException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DownloadException.class,
                    () -> new HubDownloader(server.base(), SHORT).download("gpt2", "main", List.of("config.json"), dir.resolve("g"),
                            Map.of(), ProgressListener.NONE, CancellationToken.NEVER)));
            assertTrue(e.getMessage().contains(server.base().getAuthority()) && e.getMessage().contains("config.json"), e.getMessage());
            assertTrue(e.getMessage().contains("no answer"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("g")));
        }
    }

    @Test
    void aHubThatStopsSendingMidFileIsGivenUpOnAndTheBytesAreKeptForTheResume() throws Exception {
        try (StallingServer server = new StallingServer(StallingServer.Mode.HEADERS_THEN_STALL)) {
            DownloadException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DownloadException.class,
                    () -> new HubDownloader(server.base(), SHORT).download("gpt2", "main", List.of("merges.txt"), dir.resolve("g"),
                            Map.of(), ProgressListener.NONE, CancellationToken.NEVER)));
            assertTrue(e.getMessage().contains(server.base().getAuthority()) && e.getMessage().contains("merges.txt"), e.getMessage());
            assertTrue(e.getMessage().contains("sent nothing for"), e.getMessage());
            assertTrue(e.getMessage().contains("after 1000 bytes"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("g")));
        }
    }

    @Test
    void gpuSetupGivesUpOnAStalledIndexNamingTheServerAndTheIndex() throws Exception {
        try (StallingServer server = new StallingServer(StallingServer.Mode.SILENT)) {
            DownloadException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DownloadException.class,
                    () -> new LibtorchDownloader(server.base(), SHORT).fetch(dir, ProgressListener.NONE, new CancellationToken())));
            assertTrue(e.getMessage().contains(server.base().getAuthority()) && e.getMessage().contains("files.txt"), e.getMessage());
            assertFalse(Files.exists(dir.resolve("2.7.1.txt")), "no index kept");
        }
    }

    @Test
    void gpuSetupGivesUpOnALibraryThatStopsMidway() throws Exception {
        try (StallingServer server = new StallingServer(StallingServer.Mode.HEADERS_THEN_STALL)) {
            DownloadException e = assertTimeoutPreemptively(BOUND, () -> assertThrows(DownloadException.class,
                    () -> new LibtorchDownloader(server.base(), SHORT).fetch(dir, ProgressListener.NONE, new CancellationToken())));
            assertTrue(e.getMessage().contains(server.base().getAuthority()) && e.getMessage().contains("files.txt"), e.getMessage());
            assertTrue(e.getMessage().contains("sent nothing for"), e.getMessage());
        }
    }
}
