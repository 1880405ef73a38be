package org.eapexplorer.download;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/**
 * The program's rules for fetching one file over HTTP, shared by the model download and gpu-setup: the bytes go
 * to {@code name.part} and are moved into place only once the size (and a SHA-256, where one is known) match; a
 * partial file is resumed with a range request; an unreachable host is one line saying what to do instead.
 */
final class HttpFiles {

    private static final int BUFFER = 1 << 16;

    private final HttpClient client;
    /** What the user can do without the network, ending the "cannot reach" message. */
    private final String offlineAdvice;

    HttpFiles(String offlineAdvice) {
        this.offlineAdvice = offlineAdvice;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** HEAD: the size and, for large (LFS) files, the SHA-256 that Hugging Face publishes in X-Linked-Etag / X-Linked-Size. */
    RemoteFile describe(URI uri, String name) throws IOException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding(), uri);
        if (head.statusCode() != 200) {
            throw new DownloadException(uri + ": the server answered HTTP " + head.statusCode() + (head.statusCode() == 404
                    ? " (no such file: is the name right?)" : head.statusCode() == 401 || head.statusCode() == 403
                    ? " (it needs a login, which this program does not do)" : ""));
        }
        long size = head.headers().firstValueAsLong("x-linked-size").orElse(head.headers().firstValueAsLong("content-length").orElse(-1));
        String etag = head.headers().firstValue("x-linked-etag").map(v -> v.replace("\"", "").replace("W/", "").toLowerCase(Locale.ROOT)).orElse(null);
        String sha = etag != null && etag.matches("[0-9a-f]{64}") ? etag : null;
        return new RemoteFile(name, size, sha);
    }

    /**
     * Fetches {@code uri} into {@code file} by way of {@code file.part}, resuming a partial one.
     *
     * @param expectedSha SHA-256 the bytes must have, or null when none is known
     * @param resumeAdvice how the user resumes ("run the download again"), for the broken-off message
     */
    void fetch(URI uri, RemoteFile remote, String expectedSha, Path file, ProgressListener progress, CancellationToken cancel,
               String resumeAdvice) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (remote.size() >= 0 && have > remote.size()) {
            Files.delete(part);
            have = 0;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (have > 0) {
            request.header("Range", "bytes=" + have + "-");
        }
        HttpResponse<InputStream> response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), uri);
        boolean append = have > 0 && response.statusCode() == 206;
        if (response.statusCode() != 200 && !append) {
            response.body().close();
            throw new DownloadException(uri + ": the server answered HTTP " + response.statusCode());
        }
        long done = append ? have : 0;
        long total = remote.size();
        String name = remote.name();
        progress.progress(done, Math.max(total, 1), (append ? "resuming " : "downloading ") + name + (append ? " at " + done + " bytes" : ""));
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER];
            long lastReport = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                // Written before the cancel is honoured: what was received is kept for the resume.
                out.write(buffer, 0, n);
                done += n;
                cancel.throwIfCancelled();
                if (done - lastReport >= 8L << 20) {
                    progress.progress(done, Math.max(total, 1), String.format("%s: %.1f of %.1f MB", name, done / 1e6, total / 1e6));
                    lastReport = done;
                }
            }
        } catch (IOException e) {
            throw new DownloadException(uri + ": the transfer broke off after " + done + " bytes (" + e.getMessage()
                    + "); " + resumeAdvice + " to resume from " + part.getFileName(), e);
        }
        long size = Files.size(part);
        if (total >= 0 && size != total) {
            throw new DownloadException(uri + ": got " + size + " bytes, the server published " + total
                    + (size < total ? "; " + resumeAdvice + " to resume from " + part.getFileName() : ""));
        }
        if (expectedSha != null) {
            String actual = org.eapexplorer.io.FileIdentity.sha256(part);
            if (!actual.equals(expectedSha)) {
                Files.delete(part);
                throw new DownloadException(uri + ": the file is corrupted: SHA-256 " + actual + " instead of the published " + expectedSha
                        + "; it was deleted, nothing was kept");
            }
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.progress(Math.max(total, 1), Math.max(total, 1), name + " done (" + size + " bytes" + (expectedSha != null ? ", SHA-256 checked" : "") + ")");
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, URI uri) throws IOException {
        try {
            return client.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException | UnknownHostException e) {
            throw offline(uri, e);
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
        return new DownloadException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + e.getClass().getSimpleName()
                + reason + "). This machine seems to be offline or the address is wrong; " + offlineAdvice, e);
    }
}
