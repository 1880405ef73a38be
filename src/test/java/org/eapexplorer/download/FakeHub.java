package org.eapexplorer.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Hugging Face-style hub on loopback, answering {@code /{repo}/resolve/{rev}/{name}} as huggingface.co does: a file
 * kept in Git LFS ({@code .safetensors}) is a 302 to {@code /cdn/{name}} that carries X-Linked-Size and X-Linked-Etag
 * (its SHA-256), the CDN answering with the bytes and no hash; any other file is a 200 whose ETag is its git blob SHA-1.
 * Switches turn it into the hostile servers the downloader must survive.
 */
public final class FakeHub implements AutoCloseable {

    /** The repository's files, by name. */
    public final Map<String, byte[]> served = new ConcurrentHashMap<>();
    /** Bytes the CDN sends instead of the published file (the hashes stay those of {@link #served}). */
    public final Map<String, byte[]> cdnSends = new ConcurrentHashMap<>();
    /** Every file, HEAD and GET, answered 200 with a web page, as a login wall or a wrong address does. */
    public volatile boolean html;
    /** Whether hashes are published at all (a plain web server publishes none). */
    public volatile boolean publishHashes = true;
    /** The CDN answers HEAD with 403, as a URL signed for GET alone does. */
    public volatile boolean cdnRefusesHead = true;

    private static final byte[] PAGE = "<!DOCTYPE html><html><body>Sign in to continue</body></html>".getBytes(StandardCharsets.UTF_8);
    private final HttpServer server;

    public FakeHub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String authority() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    private static boolean lfs(String name) {
        return name.endsWith(".safetensors");
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        boolean head = ex.getRequestMethod().equals("HEAD");
        if (html) {
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            send(ex, head, PAGE);
            return;
        }
        if (path.startsWith("/cdn/")) {
            String name = path.substring("/cdn/".length());
            byte[] bytes = cdnSends.getOrDefault(name, served.get(name));
            if (head && cdnRefusesHead) {
                ex.sendResponseHeaders(403, -1);
                ex.close();
                return;
            }
            if (bytes == null) {
                notFound(ex);
                return;
            }
            send(ex, head, bytes);
            return;
        }
        int resolve = path.indexOf("/resolve/");
        String rest = resolve < 0 ? "" : path.substring(resolve + "/resolve/".length());
        String name = rest.contains("/") ? rest.substring(rest.indexOf('/') + 1) : "";
        byte[] bytes = served.get(name);
        if (bytes == null) {
            notFound(ex);
            return;
        }
        if (lfs(name)) {
            ex.getResponseHeaders().add("Location", "/cdn/" + name);
            if (publishHashes) {
                ex.getResponseHeaders().add("X-Linked-Size", Long.toString(bytes.length));
                ex.getResponseHeaders().add("X-Linked-Etag", "\"" + hex("SHA-256", bytes) + "\"");
            }
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        if (publishHashes) {
            byte[] blob = ("blob " + bytes.length + "\0").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[blob.length + bytes.length];
            System.arraycopy(blob, 0, all, 0, blob.length);
            System.arraycopy(bytes, 0, all, blob.length, bytes.length);
            ex.getResponseHeaders().add("ETag", "\"" + hex("SHA-1", all) + "\"");
        }
        send(ex, head, bytes);
    }

    private static void send(HttpExchange ex, boolean head, byte[] bytes) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        if (!head && range != null) {
            int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-.*", "$1"));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            ex.sendResponseHeaders(206, bytes.length - from);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes, from, bytes.length - from);
            }
            return;
        }
        if (head) {
            ex.getResponseHeaders().add("Content-Length", Long.toString(bytes.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void notFound(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(404, -1);
        ex.close();
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
