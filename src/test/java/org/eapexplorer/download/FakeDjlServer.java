package org.eapexplorer.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * publish.djl.ai as DJL 0.36 reads it, on loopback: {@code /pytorch/2.7.1/files.txt} and gzipped fake libraries
 * under {@code /pytorch/2.7.1/{flavour}/{classifier}/native/lib/}, with HEAD sizes and range requests.
 */
public final class FakeDjlServer implements AutoCloseable {

    /** The unpacked fake libraries of the cu128 Linux x86-64 build, by name. */
    public final Map<String, byte[]> cudaLibs = new LinkedHashMap<>();
    /** What is served, by path under /pytorch/2.7.1/. */
    public final Map<String, byte[]> served = new LinkedHashMap<>();
    /** "path bytes=N-" for every range request, in order. */
    public final List<String> ranges = Collections.synchronizedList(new ArrayList<>());
    public final List<String> gets = Collections.synchronizedList(new ArrayList<>());
    private final HttpServer server;
    private volatile String interruptPath;
    private volatile int interruptAfter;
    private volatile Runnable interruptAction;

    public FakeDjlServer() throws IOException {
        Random random = new Random(13);
        // The libraries every CUDA build of libtorch has, as fake ELF shared objects: a real header, random code.
        cudaLibs.put("libc10.so", elf(random, 20_000));
        cudaLibs.put("libc10_cuda.so", elf(random, 10_000));
        cudaLibs.put("libtorch.so", elf(random, 600_000));
        cudaLibs.put("libtorch_cpu.so", elf(random, 50_000));
        cudaLibs.put("libtorch_cuda.so", elf(random, 300_000));
        StringBuilder index = new StringBuilder();
        String cpu = "cpu/linux-x86_64/native/lib/libtorch.so.gz";
        served.put(cpu, gzip(bytes(random, 1000)));
        index.append(cpu).append('\n');
        for (Map.Entry<String, byte[]> lib : cudaLibs.entrySet()) {
            String path = "cu128/linux-x86_64/native/lib/" + lib.getKey() + ".gz";
            served.put(path, gzip(lib.getValue()));
            index.append(path).append('\n');
        }
        String arm = "cpu/linux-aarch64/native/lib/libtorch.so.gz";
        served.put(arm, gzip(bytes(random, 1000)));
        index.append(arm).append('\n');
        served.put("files.txt", index.toString().getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/pytorch/2.7.1/", this::handle);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Flips a bit of the gzip trailer's CRC-32 of one cu128 library: the bytes arrive whole but do not check. */
    public void corruptCrc(String lib) {
        byte[] gz = served.get("cu128/linux-x86_64/native/lib/" + lib + ".gz").clone();
        gz[gz.length - 8] ^= 1;
        served.put("cu128/linux-x86_64/native/lib/" + lib + ".gz", gz);
    }

    /** Once {@code after} bytes of {@code path} are sent, runs {@code action} (a cancel) and pauses before sending more. */
    public void whenServed(String path, int after, Runnable action) {
        interruptPath = path;
        interruptAfter = after;
        interruptAction = action;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath().substring("/pytorch/2.7.1/".length());
        byte[] bytes = served.get(path);
        if (bytes == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().add("Content-Length", Long.toString(bytes.length));
            ex.sendResponseHeaders(200, -1);
            ex.close();
            return;
        }
        gets.add(path);
        String range = ex.getRequestHeaders().getFirst("Range");
        int from = 0;
        if (range != null) {
            ranges.add(path + " " + range);
            from = Integer.parseInt(range.replace("bytes=", "").replace("-", ""));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (bytes.length - 1) + "/" + bytes.length);
            ex.sendResponseHeaders(206, bytes.length - from);
        } else {
            ex.sendResponseHeaders(200, bytes.length);
        }
        try (OutputStream out = ex.getResponseBody()) {
            // Small writes, so that a client cancelling part-way leaves a partial file behind.
            for (int i = from; i < bytes.length; i += 8192) {
                out.write(bytes, i, Math.min(8192, bytes.length - i));
                out.flush();
                Runnable action = interruptAction;
                if (action != null && path.equals(interruptPath) && i + 8192 >= interruptAfter) {
                    interruptAction = null;
                    action.run();
                    Thread.sleep(300);
                }
            }
        } catch (IOException ignored) {
            // the client went away (cancelled)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A 64-bit little-endian x86-64 ELF shared object's header (ET_DYN), then random bytes. */
    public static byte[] elf(Random random, int n) {
        byte[] b = bytes(random, n);
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
        System.arraycopy(header, 0, b, 0, header.length);
        return b;
    }

    /** Serves {@code raw}, gzipped, as the cu128 library {@code lib}. */
    public void serveLibrary(String lib, byte[] raw) throws IOException {
        served.put("cu128/linux-x86_64/native/lib/" + lib + ".gz", gzip(raw));
    }

    /** The index as published, but keeping only the lines that contain one of {@code keep}. */
    public void cutIndex(String... keep) {
        StringBuilder index = new StringBuilder();
        for (String line : new String(served.get("files.txt"), StandardCharsets.UTF_8).split("\n")) {
            if (java.util.Arrays.stream(keep).anyMatch(line::contains)) {
                index.append(line).append('\n');
            }
        }
        served.put("files.txt", index.toString().getBytes(StandardCharsets.UTF_8));
    }

    static byte[] bytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
