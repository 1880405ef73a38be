package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.jobs.JobHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** "Get GPT-2 small…" through its view model on the real worker, against a hub served on loopback. */
class DownloadModelTest extends WindowTest {

    private static final List<String> FILES = List.of("config.json", "model.safetensors", "tokenizer.json");

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serveTiny() throws Exception {
        Map<String, byte[]> served = new HashMap<>();
        Map<String, String> sha = new HashMap<>();
        for (String f : FILES) {
            served.put(f, Files.readAllBytes(TINY.resolve(f)));
            sha.put(f, java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(served.get(f))));
        }
        String prefix = "/tiny/resolve/main/";
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(prefix, (HttpExchange ex) -> {
            String name = ex.getRequestURI().getPath().substring(prefix.length());
            byte[] bytes = served.get(name);
            if (bytes == null) {
                ex.sendResponseHeaders(404, -1);
                ex.close();
                return;
            }
            ex.getResponseHeaders().add("X-Linked-Size", Long.toString(bytes.length));
            ex.getResponseHeaders().add("X-Linked-Etag", "\"" + sha.get(name) + "\"");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.sendResponseHeaders(200, -1);
                ex.close();
                return;
            }
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            } catch (IOException ignored) {
                // the client went away
            }
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void downloadsTheModelAndChoosesIt() throws Exception {
        URI base = serveTiny();
        Path target = tempDir.resolve("models").resolve("tiny");
        JobHandle handle = fx(() -> app.models().download().download(base, "tiny", "main", FILES, Map.of(), target));
        assertNotNull(handle);
        await(handle);
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        for (String f : FILES) {
            assertArrayEquals(Files.readAllBytes(TINY.resolve(f)), Files.readAllBytes(target.resolve(f)), f);
        }
        Path expected = target.toAbsolutePath().normalize();
        assertEquals(expected, app.state().modelDir());
        assertFalse(app.state().isBusy());
        assertTrue(fx(() -> app.models().run().recentModels().contains(expected)), "remembered among recent models");
        assertTrue(Files.readString(tempDir.resolve("recent.txt")).contains(expected.toString()));
    }

    @Test
    void anUnreachableHubReachesTheErrorReporter() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
        JobHandle handle = fx(() -> app.models().download().downloadGpt2(tempDir.resolve("offline").toString(), nowhere.toString()));
        assertNotNull(handle);
        await(handle);
        assertEquals(1, app.errors.size(), app.errors.toString());
        assertTrue(app.errors.get(0).contains("cannot reach"), app.errors.get(0));
        assertFalse(app.errors.get(0).contains("\tat "), "no stack trace");
        assertNull(app.state().modelDir());
        assertFalse(app.state().isBusy());
        assertTrue(app.state().statusProperty().get().startsWith("Download failed"), app.state().statusProperty().get());
    }
}
