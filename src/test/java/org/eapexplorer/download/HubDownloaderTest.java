package org.eapexplorer.download;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.runtime.ComputeDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader against a hub served on loopback: Hugging Face's URL layout and headers (X-Linked-Size,
 * X-Linked-Etag = SHA-256), range requests, a transfer that breaks off, a corrupted file, no server at all.
 */
class HubDownloaderTest {

    private static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    @TempDir
    Path dir;

    private HttpServer server;
    private final Map<String, byte[]> served = new HashMap<>();
    private final Map<String, String> publishedSha = new HashMap<>();
    private final List<String> ranges = new ArrayList<>();
    private final AtomicInteger breakAfter = new AtomicInteger(-1);

    @BeforeEach
    void serve() throws Exception {
        Path model = Path.of(HubDownloaderTest.class.getResource("/fixtures/tiny-f32/config.json").toURI()).getParent();
        for (String f : FILES) {
            byte[] bytes = Files.readAllBytes(model.resolve(f));
            served.put(f, bytes);
            publishedSha.put(f, HubDownloader.sha256(model.resolve(f)));
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/tiny/resolve/main/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String name = ex.getRequestURI().getPath().substring("/tiny/resolve/main/".length());
        byte[] bytes = served.get(name);
        if (bytes == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        ex.getResponseHeaders().add("X-Linked-Size", Long.toString(bytes.length));
        ex.getResponseHeaders().add("X-Linked-Etag", "\"" + publishedSha.get(name) + "\"");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        int from = 0;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            ranges.add(name + " " + range);
            from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            ex.sendResponseHeaders(206, bytes.length - from);
        } else {
            ex.sendResponseHeaders(200, bytes.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            int cut = name.equals("model.safetensors") ? breakAfter.getAndSet(-1) : -1;
            if (cut >= 0) {
                out.write(bytes, from, cut);
                out.flush();
                ex.getHttpContext().getServer();
                throw new IOException("connection dropped on purpose");   // the exchange closes without the rest
            }
            out.write(bytes, from, bytes.length - from);
        }
    }

    private HubDownloader downloader() {
        return new HubDownloader(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    @Test
    void fetchesAModelThatTheProgramThenLoads() throws Exception {
        Path target = dir.resolve("tiny");
        downloader().download("tiny", "main", FILES, target, Map.of(), ProgressListener.NONE, CancellationToken.NEVER);
        for (String f : FILES) {
            assertArrayEquals(served.get(f), Files.readAllBytes(target.resolve(f)), f);
        }
        try (LanguageModel model = LanguageModel.load(target, ComputeDevice.CPU)) {
            assertEquals(2, model.config().nLayer());
        }
        int before = ranges.size();
        downloader().download("tiny", "main", FILES, target, Map.of(), ProgressListener.NONE, CancellationToken.NEVER);
        assertEquals(before, ranges.size(), "files already there and correct are not fetched again");
    }

    @Test
    void anInterruptedTransferResumesWithARangeRequest() throws Exception {
        Path target = dir.resolve("tiny");
        breakAfter.set(10_000);
        DownloadException broken = assertThrows(DownloadException.class,
                () -> downloader().download("tiny", "main", FILES, target, Map.of(), ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(broken.getMessage().contains("model.safetensors"), broken.getMessage());
        assertTrue(broken.getMessage().contains("run the download again to resume"), broken.getMessage());
        assertFalse(Files.exists(target.resolve("model.safetensors")), "nothing half-written in place");
        Path staged = target.resolveSibling(".tiny.eap-download").resolve("files");
        long partial = Files.size(staged.resolve("model.safetensors.part"));
        assertTrue(partial > 0 && partial < served.get("model.safetensors").length, "partial " + partial);

        downloader().download("tiny", "main", FILES, target, Map.of(), ProgressListener.NONE, CancellationToken.NEVER);
        assertEquals(List.of("model.safetensors bytes=" + partial + "-"), ranges);
        assertArrayEquals(served.get("model.safetensors"), Files.readAllBytes(target.resolve("model.safetensors")));
        assertFalse(Files.exists(target.resolve("model.safetensors.part")));
        assertFalse(Files.exists(staged), "the staging folder goes once everything is in");
    }

    @Test
    void aCorruptedFileIsRefusedAndNotKept() throws Exception {
        byte[] bad = served.get("model.safetensors").clone();
        bad[bad.length / 2] ^= 0x40;
        served.put("model.safetensors", bad);   // same size, published hash of the good file
        Path target = dir.resolve("tiny");
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader().download("tiny", "main", FILES, target, Map.of(), ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("model.safetensors: the file is corrupted: SHA-256"), e.getMessage());
        assertFalse(Files.exists(target), "nothing moved in");
        assertFalse(Files.exists(target.resolveSibling(".tiny.eap-download").resolve("files").resolve("model.safetensors.part")));
    }

    @Test
    void aKnownFileMustMatchTheProgramsCopy() throws Exception {
        Map<String, String> known = Map.of("tokenizer.json", "0".repeat(64));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader().download("tiny", "main", FILES, dir.resolve("t"), known, ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("refusing to mix them"), e.getMessage());
    }

    @Test
    void offlineIsAClearMessage() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HubDownloader nowhere = new HubDownloader(URI.create("http://127.0.0.1:" + closedPort));
        DownloadException e = assertThrows(DownloadException.class,
                () -> nowhere.download("gpt2", "main", HubDownloader.GPT2_FILES, dir.resolve("g"), Map.of(), ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().startsWith("cannot reach http://127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("offline"), e.getMessage());
    }

    @Test
    void missingRepositoryIsNamed() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader().download("nope", "main", FILES, dir.resolve("n"), Map.of(), ProgressListener.NONE, CancellationToken.NEVER));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }
}
