package org.eapexplorer.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.runtime.LibtorchFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** gpu-setup's fetch against a fake publish.djl.ai on loopback: DJL's cache layout, progress, cancel and resume, checks. */
class LibtorchDownloaderTest {

    private static final String CUDA_DIR = "2.7.1-cu128-linux-x86_64";

    @TempDir
    Path cache;

    private FakeDjlServer server;

    @BeforeEach
    void serve() throws Exception {
        server = new FakeDjlServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void unpacksTheCudaBuildWhereDjlAndLibtorchChoiceLookForIt() throws Exception {
        List<long[]> steps = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        LibtorchFolder folder = new LibtorchDownloader(server.base()).fetch(cache, (done, total, message) -> {
            steps.add(new long[] {done, total});
            messages.add(message);
        }, new CancellationToken());

        Path dir = cache.resolve(CUDA_DIR);
        assertEquals(dir.toAbsolutePath().normalize(), folder.lib());
        assertEquals("2.7.1", folder.version());
        assertEquals("cu128", folder.flavor());
        // DJL's own layout: the index kept as {version}.txt, every cu128/linux-x86_64 library unpacked flat.
        assertArrayEquals(server.served.get("files.txt"), Files.readAllBytes(cache.resolve("2.7.1.txt")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(server.cudaLibs.keySet(), new java.util.TreeSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
        for (Map.Entry<String, byte[]> lib : server.cudaLibs.entrySet()) {
            assertArrayEquals(lib.getValue(), Files.readAllBytes(dir.resolve(lib.getKey())), lib.getKey());
        }
        try (Stream<Path> left = Files.list(cache)) {
            assertEquals(java.util.Set.of("2.7.1.txt", CUDA_DIR), left.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()),
                    "no download or unpacking folder left behind");
        }
        LibtorchChoice chosen = LibtorchChoice.select(null, Map.of(), null, cache);
        assertEquals("CUDA build in DJL's cache (gpu-setup)", chosen.origin());
        assertEquals("cu128", chosen.flavor());

        long totalGz = server.served.entrySet().stream().filter(e -> e.getKey().startsWith("cu128/"))
                .mapToLong(e -> e.getValue().length).sum();
        assertTrue(steps.stream().anyMatch(s -> s[0] == totalGz && s[1] == totalGz), "progress reaches all " + totalGz + " bytes");
        assertTrue(steps.stream().filter(s -> s[1] == totalGz).allMatch(s -> s[0] <= totalGz));
        assertTrue(messages.stream().anyMatch(m -> m.matches("5 of 5 files, [0-9.]+ of [0-9.]+ MB")), messages.toString());
        assertTrue(messages.get(messages.size() - 1).contains("ready in " + dir), messages.toString());

        int gets = server.gets.size();
        new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken());
        assertEquals(gets, server.gets.size(), "a second run fetches nothing");
    }

    @Test
    void aCancelledFetchKeepsItsBytesAndResumes() throws Exception {
        LibtorchDownloader downloader = new LibtorchDownloader(server.base());
        CancellationToken cancel = new CancellationToken();
        String libtorch = "cu128/linux-x86_64/native/lib/libtorch.so.gz";
        server.whenServed(libtorch, 100_000, cancel::cancel);
        assertThrows(CancellationException.class, () -> downloader.fetch(cache, ProgressListener.NONE, cancel));

        assertFalse(Files.exists(cache.resolve(CUDA_DIR)), "nothing unpacked in place");
        Path downloads = cache.resolve(CUDA_DIR + ".download");
        assertTrue(Files.exists(downloads.resolve("libc10.so.gz")), "the file finished before the cancel is kept");
        long kept = Files.size(downloads.resolve("libtorch.so.gz.part"));
        assertTrue(kept > 0 && kept < server.served.get(libtorch).length, "partial file kept: " + kept);

        LibtorchFolder folder = downloader.fetch(cache, ProgressListener.NONE, new CancellationToken());
        assertEquals("cu128", folder.flavor());
        for (Map.Entry<String, byte[]> lib : server.cudaLibs.entrySet()) {
            assertArrayEquals(lib.getValue(), Files.readAllBytes(cache.resolve(CUDA_DIR).resolve(lib.getKey())), lib.getKey());
        }
        assertEquals(1, server.gets.stream().filter(g -> g.endsWith("libc10.so.gz")).count(), "a finished file is not fetched again");
        assertEquals(List.of(libtorch + " bytes=" + kept + "-"), server.ranges, "the partial file resumes where it stopped");
    }

    @Test
    void aGzipWhoseCrcDoesNotMatchIsRefusedAndDeleted() throws Exception {
        server.corruptCrc("libtorch_cuda.so");
        DownloadException e = assertThrows(DownloadException.class,
                () -> new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken()));
        assertTrue(e.getMessage().startsWith(server.base() + "/pytorch/2.7.1/cu128/linux-x86_64/native/lib/libtorch_cuda.so.gz: the file is corrupt"),
                e.getMessage());
        assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
        assertFalse(Files.exists(cache.resolve(CUDA_DIR)), "nothing unpacked in place");
        assertFalse(Files.exists(cache.resolve(CUDA_DIR + ".download").resolve("libtorch_cuda.so.gz")), "the corrupt file is deleted");
        assertTrue(Files.exists(cache.resolve(CUDA_DIR + ".download").resolve("libtorch.so.gz")), "the good ones are kept");
        assertFalse(Files.exists(cache.resolve(CUDA_DIR + ".unpacking")), "nothing was kept, as the message says");
    }


    @Test
    void anIndexCutShortAtALineBoundaryIsRefusedAndNotKept() throws Exception {
        byte[] good = server.served.get("files.txt");
        server.cutIndex("cu128/linux-x86_64/native/lib/libtorch.so.gz");
        DownloadException e = assertThrows(DownloadException.class,
                () -> new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken()));
        assertTrue(e.getMessage().contains("files.txt") && e.getMessage().contains("libc10.so")
                && e.getMessage().contains("libtorch_cuda.so"), e.getMessage());
        assertFalse(Files.exists(cache.resolve(CUDA_DIR)), "nothing installed");
        assertFalse(Files.exists(cache.resolve("2.7.1.txt")), "the index that proved bad is not kept");

        server.served.put("files.txt", good);
        LibtorchFolder folder = new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken());
        assertEquals("cu128", folder.flavor());
        assertArrayEquals(good, Files.readAllBytes(cache.resolve("2.7.1.txt")), "the index as served is kept");
    }

    @Test
    void aBadIndexLeftInTheCacheIsFetchedAnew() throws Exception {
        Files.writeString(cache.resolve("2.7.1.txt"), "cu128/linux-x86_64/native/lib/libtorch.so.gz\n");
        new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken());
        assertArrayEquals(server.served.get("files.txt"), Files.readAllBytes(cache.resolve("2.7.1.txt")));
        for (String lib : server.cudaLibs.keySet()) {
            assertTrue(Files.isRegularFile(cache.resolve(CUDA_DIR).resolve(lib)), lib);
        }
    }

    @Test
    void randomBytesServedAsALibraryAreRefusedAndNothingIsKept() throws Exception {
        server.serveLibrary("libtorch_cpu.so", FakeDjlServer.bytes(new java.util.Random(5), 40_000));
        DownloadException e = assertThrows(DownloadException.class,
                () -> new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken()));
        assertTrue(e.getMessage().contains("libtorch_cpu.so") && e.getMessage().contains("not an ELF shared object"), e.getMessage());
        assertFalse(Files.exists(cache.resolve(CUDA_DIR)), "nothing installed");
        assertFalse(Files.exists(cache.resolve(CUDA_DIR + ".unpacking")), "nothing half-unpacked left");
        assertFalse(Files.exists(cache.resolve(CUDA_DIR + ".download").resolve("libtorch_cpu.so.gz")), "the bad file is fetched anew next time");
    }

    @Test
    void noServerIsOneLineNamingTheHostAndTheWayAround() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DownloadException e = assertThrows(DownloadException.class, () -> new LibtorchDownloader(URI.create("http://127.0.0.1:" + closedPort))
                .fetch(cache, ProgressListener.NONE, new CancellationToken()));
        assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:" + closedPort + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("pass --libtorch DIR instead"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    }

    @Test
    void anIndexWithoutTheCudaBuildSaysWhatItExpected() throws Exception {
        server.served.put("files.txt", "cpu/linux-x86_64/native/lib/libtorch.so.gz\n".getBytes());
        DownloadException e = assertThrows(DownloadException.class,
                () -> new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken()));
        assertTrue(e.getMessage().contains("lists no cu128/linux-x86_64/ files"), e.getMessage());
    }

    @Test
    void aCachedBuildThatFailedToLoadIsFetchedAnew() throws Exception {
        new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken());
        Path lib = cache.resolve(CUDA_DIR);
        Files.writeString(LibtorchChoice.failureMark(lib), "libtorch_cuda.so: undefined symbol: x\n");
        int gets = server.gets.size();
        new LibtorchDownloader(server.base()).fetch(cache, ProgressListener.NONE, new CancellationToken());
        assertTrue(server.gets.size() > gets, "fetched again");
        assertFalse(Files.exists(LibtorchChoice.failureMark(lib)));
        assertEquals("CUDA build in DJL's cache (gpu-setup)", LibtorchChoice.select(null, Map.of(), null, cache).origin());
    }
}
