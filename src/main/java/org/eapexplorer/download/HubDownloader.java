package org.eapexplorer.download;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/**
 * Fetches a model's files from a Hugging Face-style hub ({@code {base}/{repo}/resolve/{revision}/{file}}) into a
 * local folder — with gpu-setup (LibtorchDownloader) the only network access the program makes, and only when the user asks.
 *
 * <p>A failed or cancelled run leaves the folder as it was: every file is fetched into a staging folder beside it
 * ({@link DownloadStaging}), checked there — its size, the SHA-256 the hub publishes for LFS files or the git SHA-1
 * it publishes for the others where it publishes one, the bytes the program ships for GPT-2's tokenizer, that a
 * {@code .json} parses and a {@code .safetensors} header is whole — and only when all of them passed are they moved
 * in. An interrupted transfer resumes from the partial file with an HTTP range request; a file already present whose
 * published checksum matches is not fetched again.
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

    /**
     * One file of a finished download.
     *
     * @param checked what was verified, as {@link RemoteFile#checked()} says it ("size and SHA-256", "size only …")
     */
    public record Fetched(String name, String checked) {
    }

    private final URI base;
    private final HttpFiles http;

    public HubDownloader(URI base) {
        this(base, HttpFiles.DEFAULT_READ_TIMEOUT);
    }

    /** @param readTimeout how long the hub may send nothing before the download gives up */
    public HubDownloader(URI base, Duration readTimeout) {
        this.base = base;
        this.http = new HttpFiles("nothing else needs the network: point the program at a model folder you already have.", readTimeout);
    }

    /** The hub's address: HF_ENDPOINT if set (as Hugging Face's own tools read it), else huggingface.co. */
    public static URI defaultBase() {
        String env = System.getenv("HF_ENDPOINT");
        return URI.create(env != null && !env.isBlank() ? env : DEFAULT_BASE);
    }

    /**
     * A file name as the repository names it, refused when it could land outside the target folder: absolute,
     * with a {@code ..}, {@code .} or empty segment, a backslash, or the {@code .part} ending the fetch itself uses.
     *
     * @throws IllegalArgumentException naming the file and what was expected
     */
    public static String checkFileName(String name) {
        String expected = "; expected a file of the repository, like config.json or onnx/model.onnx";
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("\"\" is not a file name" + expected);
        }
        if (name.startsWith("/") || Path.of(name).isAbsolute() || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("\"" + name + "\" is an absolute path or holds a backslash" + expected);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("\"" + name + "\" has a \"" + segment + "\" part: it could be written outside the folder"
                        + expected);
            }
        }
        if (name.endsWith(".part")) {
            throw new IllegalArgumentException("\"" + name + "\" ends in .part, the ending partial downloads use" + expected);
        }
        return name;
    }

    /**
     * @param knownSha256 SHA-256 of files whose exact bytes the program already knows (GPT-2's tokenizer files,
     *                    which it ships), checked as well as the server's value
     * @return each file and what was checked of it
     * @throws IllegalArgumentException for a file name that could be written outside {@code target} (before any fetch)
     */
    public List<Fetched> download(String repo, String revision, List<String> files, Path target, Map<String, String> knownSha256,
                                  ProgressListener progress, CancellationToken cancel) throws IOException {
        Set<String> seen = new HashSet<>();
        for (String name : files) {
            checkFileName(name);
            if (!seen.add(name)) {
                throw new IllegalArgumentException("\"" + name + "\" is named twice");
            }
        }
        Path out = target.toAbsolutePath().normalize();
        for (String name : files) {
            refuseLinks(out, name);
        }
        DownloadStaging staging = DownloadStaging.beside(out);
        staging.finishInterruptedMove(progress);
        staging.keepOnly(files);
        List<Fetched> fetched = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (String name : files) {
            cancel.throwIfCancelled();
            URI uri = fileUri(repo, revision, name);
            RemoteFile remote = http.describe(uri, name);
            String known = knownSha256.get(name);
            if (known != null) {
                if (remote.sha256() != null && !remote.sha256().equals(known)) {
                    throw new DownloadException(uri + ": the server publishes SHA-256 " + remote.sha256() + " but the program knows this file as "
                            + known + "; refusing to mix them");
                }
                remote = remote.withSha256(known);
            }
            fetched.add(new Fetched(name, remote.checked()));
            Path present = out.resolve(name);
            if (Files.isRegularFile(present) && matchesPublished(present, remote)) {
                progress.progress(1, 1, name + " is already there and correct (" + remote.checked() + ")");
                continue;
            }
            Path staged = staging.files().resolve(name);
            if (!(Files.isRegularFile(staged) && matchesPublished(staged, remote))) {
                Files.deleteIfExists(staged);
                if (remote.sha256() == null && remote.gitSha1() == null) {
                    // Resumed, the start of an older version of the file would make a mixture that its size alone cannot tell.
                    Files.deleteIfExists(staged.resolveSibling(staged.getFileName() + ".part"));
                }
                http.fetch(uri, remote, staged, progress, cancel, "run the download again");
            }
            StagedFileCheck.check(uri, staged, name);
            if (Files.isRegularFile(present) && Files.mismatch(present, staged) == -1) {
                Files.delete(staged);   // no checksum published, but the bytes are those already there
                continue;
            }
            changed.add(name);
        }
        cancel.throwIfCancelled();
        staging.moveIn(changed, progress);
        return fetched;
    }

    /** Whether {@code file} has the published size and checksum; false when no checksum is published (size alone proves nothing). */
    private static boolean matchesPublished(Path file, RemoteFile remote) throws IOException {
        if (remote.size() >= 0 && Files.size(file) != remote.size()) {
            return false;
        }
        if (remote.sha256() != null) {
            return remote.sha256().equals(org.eapexplorer.io.FileIdentity.sha256(file));
        }
        return remote.gitSha1() != null && remote.gitSha1().equals(GitBlob.sha1(file));
    }

    /** A link inside the target folder would carry the file wherever it points. */
    private static void refuseLinks(Path out, String name) {
        Path p = out;
        for (String segment : name.split("/")) {
            p = p.resolve(segment);
            if (Files.isSymbolicLink(p)) {
                throw new IllegalArgumentException("\"" + name + "\" would be written through the link " + p
                        + ", possibly outside " + out + "; links are not followed");
            }
        }
    }

    URI fileUri(String repo, String revision, String name) {
        String b = base.toString().replaceAll("/+$", "");
        return URI.create(b + "/" + repo + "/resolve/" + revision + "/" + name);
    }

    static String sha256(Path file) throws IOException {
        return org.eapexplorer.io.FileIdentity.sha256(file);
    }
}
