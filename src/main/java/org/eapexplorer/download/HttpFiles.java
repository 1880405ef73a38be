package org.eapexplorer.download;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/**
 * The program's rules for fetching one file over HTTP, shared by the model download and gpu-setup: the bytes go
 * to {@code name.part} and are moved to {@code name} only once the size and whatever checksum the server publishes
 * match (the caller decides where {@code name} is: a staging folder, never the user's folder directly); a partial
 * file is resumed with a range request; an unreachable host is one line saying what to do instead; a server that
 * stops sending for longer than the read timeout is given up on, naming it and the file.
 */
final class HttpFiles {

    /** How long a server may send nothing (before its answer, or in the middle of a file) before the fetch gives up. */
    static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final int MAX_REDIRECTS = 5;

    /** Follows redirects: the bytes of a Hugging Face LFS file come from its CDN. */
    private final HttpClient client;
    /** Does not: Hugging Face states an LFS file's SHA-256 only on the 302 of its resolve address, not on the CDN's answer. */
    private final HttpClient noRedirects;
    /** What the user can do without the network, ending the "cannot reach" message. */
    private final String offlineAdvice;
    private final Duration readTimeout;

    HttpFiles(String offlineAdvice, Duration readTimeout) {
        if (readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the read timeout must be positive, got " + readTimeout);
        }
        this.offlineAdvice = offlineAdvice;
        this.readTimeout = readTimeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.noRedirects = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * HEAD, redirects followed one at a time so that each answer's headers are seen: the size (X-Linked-Size, else the
     * final Content-Length) and the checksum Hugging Face publishes: an LFS file's SHA-256 as X-Linked-Etag on the
     * resolve address's 302, any other file's git blob SHA-1 as its ETag (huggingface_hub's cache is keyed on the same
     * two values; {@code hf cache verify} checks them).
     */
    RemoteFile describe(URI uri, String name) throws IOException {
        URI at = uri;
        long linkedSize = -1;
        String sha256 = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpResponse<Void> head = send(noRedirects, HttpRequest.newBuilder(at).timeout(readTimeout)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding(), at, name);
            HttpHeaders headers = head.headers();
            if (linkedSize < 0) {
                linkedSize = headers.firstValueAsLong("x-linked-size").orElse(-1);
            }
            if (sha256 == null) {
                sha256 = hex(headers.firstValue("x-linked-etag").orElse(null), 64);
            }
            int status = head.statusCode();
            if (status >= 300 && status < 400 && headers.firstValue("location").isPresent()) {
                if (linkedSize >= 0) {
                    // Hugging Face's LFS redirect says all there is to know; its target may be a URL signed for GET only.
                    return new RemoteFile(name, linkedSize, sha256, null);
                }
                at = at.resolve(headers.firstValue("location").get());
                continue;
            }
            if (status != 200) {
                throw new DownloadException(uri + ": the server answered HTTP " + status + (status == 404
                        ? " (no such file: is the name right?)" : status == 401 || status == 403
                        ? " (it needs a login, which this program does not do)" : ""));
            }
            long size = linkedSize >= 0 ? linkedSize : headers.firstValueAsLong("content-length").orElse(-1);
            // The ETag is a git SHA-1 only on the hub's own answer for a file kept in git (no redirect, no LFS).
            String gitSha1 = sha256 == null && hop == 0 ? hex(headers.firstValue("etag").orElse(null), 40) : null;
            return new RemoteFile(name, size, sha256, gitSha1);
        }
        throw new DownloadException(uri + ": more than " + MAX_REDIRECTS + " redirects");
    }

    private static String hex(String etag, int length) {
        if (etag == null) {
            return null;
        }
        String v = etag.trim().replace("W/", "").replace("\"", "").toLowerCase(Locale.ROOT);
        return v.length() == length && v.chars().allMatch(c -> Character.digit(c, 16) >= 0) ? v : null;
    }

    /**
     * Fetches {@code uri} into {@code file} by way of {@code file.part}, resuming a partial one, and checks it against
     * {@code remote}: its size, and its SHA-256 or git SHA-1 where one is known.
     *
     * @param resumeAdvice how the user resumes ("run the download again"), for the broken-off message
     */
    void fetch(URI uri, RemoteFile remote, Path file, ProgressListener progress, CancellationToken cancel,
               String resumeAdvice) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.createDirectories(part.getParent());
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (remote.size() >= 0 && have > remote.size()) {
            Files.delete(part);
            have = 0;
        }
        String name = remote.name();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(client, request.build(), HttpResponse.BodyHandlers.ofPublisher(),
                uri, name);
        StalledBody body = new StalledBody(response.body(), readTimeout);
        boolean append = have > 0 && response.statusCode() == 206;
        if (response.statusCode() != 200 && !append) {
            body.cancel();
            throw new DownloadException(uri + ": the server answered HTTP " + response.statusCode());
        }
        String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") && !name.toLowerCase(Locale.ROOT).matches(".*\\.html?")) {
            body.cancel();
            throw new DownloadException(uri + ": the server answered a web page (Content-Type " + type + ") instead of " + name
                    + "; is " + uri.getScheme() + "://" + uri.getAuthority() + " a Hugging Face-style hub, and the repository public?");
        }
        long done = append ? have : 0;
        long total = remote.size();
        progress.progress(done, Math.max(total, 1), (append ? "resuming " : "downloading ") + name + (append ? " at " + done + " bytes" : ""));
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, append ? StandardOpenOption.APPEND
                : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long lastReport = 0;
            List<ByteBuffer> chunk;
            byte[] bytes = new byte[1 << 16];   // one buffer for the whole file: a large file arrives in millions of chunks
            try {
                while ((chunk = body.next()) != null) {
                    for (ByteBuffer b : chunk) {
                        // Written before the cancel is honoured: what was received is kept for the resume.
                        while (b.hasRemaining()) {
                            int n = Math.min(b.remaining(), bytes.length);
                            b.get(bytes, 0, n);
                            try {
                                out.write(bytes, 0, n);
                            } catch (IOException e) {
                                throw new WriteFailed(e);
                            }
                            done += n;
                        }
                    }
                    cancel.throwIfCancelled();
                    if (done - lastReport >= 8L << 20) {
                        progress.progress(done, Math.max(total, 1), String.format("%s: %.1f of %.1f MB", name, done / 1e6, total / 1e6));
                        lastReport = done;
                    }
                }
            } finally {
                body.cancel();
            }
        } catch (WriteFailed e) {
            throw new DownloadException(part + ": cannot be written (" + e.getCause().getMessage() + ") after " + done + " bytes of " + name
                    + "; nothing was moved in; " + resumeAdvice + " to resume from " + part.getFileName(), e.getCause());
        } catch (StalledBody.Stalled e) {
            throw new DownloadException(server(uri) + " sent nothing for " + seconds(readTimeout) + " while sending " + name + " (" + uri
                    + ", after " + done + " bytes); " + resumeAdvice + " to resume from " + part.getFileName(), e);
        } catch (IOException e) {
            throw new DownloadException(uri + ": the transfer broke off after " + done + " bytes (" + e.getMessage()
                    + "); " + resumeAdvice + " to resume from " + part.getFileName(), e);
        }
        long size = Files.size(part);
        if (total >= 0 && size != total) {
            if (size > total) {
                Files.delete(part);
            }
            throw new DownloadException(uri + ": got " + size + " bytes, the server published " + total
                    + (size < total ? "; " + resumeAdvice + " to resume from " + part.getFileName() : "; they were deleted"));
        }
        if (remote.sha256() != null) {
            verify(uri, part, "SHA-256", remote.sha256(), org.eapexplorer.io.FileIdentity.sha256(part));
        } else if (remote.gitSha1() != null) {
            verify(uri, part, "git SHA-1", remote.gitSha1(), GitBlob.sha1(part));
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.progress(Math.max(total, 1), Math.max(total, 1), name + " done (" + size + " bytes; checked: " + remote.checked() + ")");
    }

    /** A failure writing the local file (a full disk), told apart from the transfer breaking off. */
    private static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause);
        }
    }

    private static void verify(URI uri, Path part, String kind, String expected, String actual) throws IOException {
        if (!actual.equals(expected)) {
            Files.delete(part);
            throw new DownloadException(uri + ": the file is corrupted: " + kind + " " + actual + " instead of the published " + expected
                    + "; it was deleted, nothing was kept");
        }
    }

    private static String server(URI uri) {
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private <T> HttpResponse<T> send(HttpClient http, HttpRequest request, HttpResponse.BodyHandler<T> handler, URI uri, String name)
            throws IOException {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw offline(uri, e);
        } catch (HttpTimeoutException e) {
            throw new DownloadException(server(uri) + " gave no answer within " + seconds(readTimeout) + " when asked for " + name
                    + " (" + uri + "); the server may be overloaded: try again later", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnknownHostException || e.getCause() instanceof ConnectException) {
                throw offline(uri, e);
            }
            throw new DownloadException(uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(uri + ": interrupted", e);
        }
    }

    private DownloadException offline(URI uri, Exception e) {
        String reason = e.getMessage() == null ? "" : ": " + e.getMessage().replaceAll("\\s+", " ");
        return new DownloadException("cannot reach " + server(uri) + " (" + e.getClass().getSimpleName()
                + reason + "). This machine seems to be offline or the address is wrong; " + offlineAdvice, e);
    }
}
