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
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/**
 * Fetches a model's files from a Hugging Face-style hub ({@code {base}/{repo}/resolve/{revision}/{file}}) into a
 * local folder — the only network access the program makes, and only when the user asks for it.
 *
 * <p>Each file goes to {@code name.part} first and is moved into place only after its size and SHA-256 match
 * what the server publishes (and, where the program ships a copy, the bytes it knows); an interrupted
 * transfer resumes from the partial file with an HTTP range request; a file already present and correct is
 * not fetched again.
 */
public final class HubDownloader {

    /** GPT-2 small: what the program needs of the {@code gpt2} repository. */
    public static final List<String> GPT2_FILES = List.of("config.json", "model.safetensors", "vocab.json", "merges.txt");

    /**
     * GPT-2's tokenizer files as the program ships them (assets/tokenizers/gpt2): a download of these must
     * match byte for byte.
     */
    public static final Map<String, String> GPT2_KNOWN_SHA256 = Map.of(
            "vocab.json", "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
            "merges.txt", "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5");

    public static final String DEFAULT_BASE = "https://huggingface.co";

    private static final int BUFFER = 1 << 16;

    private final URI base;
    private final HttpClient client;

    public HubDownloader(URI base) {
        this.base = base;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The hub's address: HF_ENDPOINT if set (as Hugging Face's own tools read it), else huggingface.co. */
    public static URI defaultBase() {
        String env = System.getenv("HF_ENDPOINT");
        return URI.create(env != null && !env.isBlank() ? env : DEFAULT_BASE);
    }

    /**
     * @param knownSha256 SHA-256 of files whose exact bytes the program already knows (GPT-2's tokenizer files,
     *                    which it ships), checked as well as the server's value
     */
    public void download(String repo, String revision, List<String> files, Path target, Map<String, String> knownSha256,
                         ProgressListener progress, CancellationToken cancel) throws IOException {
        Files.createDirectories(target);
        for (String name : files) {
            cancel.throwIfCancelled();
            URI uri = fileUri(repo, revision, name);
            RemoteFile remote = describe(uri, name);
            String expected = Optional.ofNullable(knownSha256.get(name)).orElse(remote.sha256());
            if (remote.sha256() != null && knownSha256.containsKey(name) && !remote.sha256().equals(knownSha256.get(name))) {
                throw new DownloadException(uri + ": the server publishes SHA-256 " + remote.sha256() + " but the program knows this file as "
                        + knownSha256.get(name) + "; refusing to mix them");
            }
            Path file = target.resolve(name);
            if (Files.exists(file) && (remote.size() < 0 || Files.size(file) == remote.size())
                    && (expected == null || expected.equals(sha256(file)))) {
                progress.progress(1, 1, name + " is already there and correct");
                continue;
            }
            fetch(uri, remote, expected, file, progress, cancel);
        }
    }

    URI fileUri(String repo, String revision, String name) {
        String b = base.toString().replaceAll("/+$", "");
        return URI.create(b + "/" + repo + "/resolve/" + revision + "/" + name);
    }

    /** HEAD: the size and, for large (LFS) files, the SHA-256 that Hugging Face publishes in X-Linked-Etag / X-Linked-Size. */
    RemoteFile describe(URI uri, String name) throws IOException {
        HttpResponse<Void> head = send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding(), uri);
        if (head.statusCode() != 200) {
            throw new DownloadException(uri + ": the server answered HTTP " + head.statusCode() + (head.statusCode() == 404
                    ? " (no such file: is the repository name right?)" : head.statusCode() == 401 || head.statusCode() == 403
                    ? " (the repository needs a login, which this program does not do)" : ""));
        }
        long size = head.headers().firstValueAsLong("x-linked-size").orElse(head.headers().firstValueAsLong("content-length").orElse(-1));
        String etag = head.headers().firstValue("x-linked-etag").map(v -> v.replace("\"", "").replace("W/", "").toLowerCase(Locale.ROOT)).orElse(null);
        String sha = etag != null && etag.matches("[0-9a-f]{64}") ? etag : null;
        return new RemoteFile(name, size, sha);
    }

    private void fetch(URI uri, RemoteFile remote, String expectedSha, Path file, ProgressListener progress, CancellationToken cancel)
            throws IOException {
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
                cancel.throwIfCancelled();
                out.write(buffer, 0, n);
                done += n;
                if (done - lastReport >= 8L << 20) {
                    progress.progress(done, Math.max(total, 1), String.format("%s: %.1f of %.1f MB", name, done / 1e6, total / 1e6));
                    lastReport = done;
                }
            }
        } catch (IOException e) {
            throw new DownloadException(uri + ": the transfer broke off after " + done + " bytes (" + e.getMessage()
                    + "); run the download again to resume from " + part.getFileName(), e);
        }
        long size = Files.size(part);
        if (total >= 0 && size != total) {
            throw new DownloadException(uri + ": got " + size + " bytes, the server published " + total
                    + (size < total ? "; run the download again to resume from " + part.getFileName() : ""));
        }
        if (expectedSha != null) {
            String actual = sha256(part);
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
        return new DownloadException("cannot reach " + uri.getScheme() + "://" + uri.getAuthority() + " (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "). This machine seems to be offline or the address is wrong; "
                + "nothing else needs the network: point the program at a model folder you already have.", e);
    }

    static String sha256(Path file) throws IOException {
        return org.eapexplorer.io.FileIdentity.sha256(file);
    }
}
