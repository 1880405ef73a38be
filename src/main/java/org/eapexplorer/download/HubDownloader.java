package org.eapexplorer.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/**
 * Fetches a model's files from a Hugging Face-style hub ({@code {base}/{repo}/resolve/{revision}/{file}}) into a
 * local folder — with gpu-setup (LibtorchDownloader) the only network access the program makes, and only when the user asks.
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

    private final URI base;
    private final HttpFiles http = new HttpFiles("nothing else needs the network: point the program at a model folder you already have.");

    public HubDownloader(URI base) {
        this.base = base;
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
            http.fetch(uri, remote, expected, file, progress, cancel, "run the download again");
        }
    }

    URI fileUri(String repo, String revision, String name) {
        String b = base.toString().replaceAll("/+$", "");
        return URI.create(b + "/" + repo + "/resolve/" + revision + "/" + name);
    }

    RemoteFile describe(URI uri, String name) throws IOException {
        return http.describe(uri, name);
    }

    static String sha256(Path file) throws IOException {
        return org.eapexplorer.io.FileIdentity.sha256(file);
    }
}
