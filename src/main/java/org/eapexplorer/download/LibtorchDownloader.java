package org.eapexplorer.download;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.io.StagedFolder;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.runtime.LibtorchFolder;
import org.eapexplorer.runtime.SharedLibraryCheck;

/**
 * gpu-setup: fetches DJL's CUDA 12.8 build of libtorch 2.7.1 into DJL's cache, laid out exactly as DJL 0.36's own
 * {@code LibUtils.downloadPyTorch} lays it out, so that {@link LibtorchChoice} (and DJL itself) find it there:
 * the index {@code {base}/pytorch/2.7.1/files.txt} kept as {@code {cache}/2.7.1.txt}, and every listed
 * {@code cu128/linux-x86_64/native/lib/NAME.gz} unpacked to {@code {cache}/2.7.1-cu128-linux-x86_64/NAME}.
 *
 * <p>Unlike DJL's own download it can be cancelled and resumed: the compressed files collect in
 * {@code 2.7.1-cu128-linux-x86_64.download/} (each through {@code .part}, resumed with a range request), and the
 * unpacked folder appears in one move only when every file is complete and checked. DJL publishes no checksum (its
 * {@code files.txt} lists paths only, and its own download checks nothing), so what is checked is what can be
 * honestly: that the index parses and lists every library a CUDA build needs ({@link LibtorchFolder#CUDA_LIBRARIES}),
 * each file's length against the size the server states, each file's gzip CRC-32 and length (from the gzip trailer)
 * as it is unpacked, that each unpacked file is an ELF shared object for this machine, and the result's version and
 * flavour ({@link LibtorchFolder#check}). An index that fails these checks is never kept; a file altered at the
 * source in a way that keeps it a well-formed library would pass them.
 */
public final class LibtorchDownloader {

    public static final String DEFAULT_BASE = "https://publish.djl.ai";
    public static final String FLAVOR = "cu128";
    public static final String CLASSIFIER = "linux-x86_64";

    private final URI base;
    private final HttpFiles http;

    public LibtorchDownloader(URI base) {
        this(base, HttpFiles.DEFAULT_READ_TIMEOUT);
    }

    /** @param readTimeout how long the server may send nothing before gpu-setup gives up */
    public LibtorchDownloader(URI base, java.time.Duration readTimeout) {
        this.base = base;
        this.http = new HttpFiles("without the network, fetch a libtorch " + LibtorchFolder.REQUIRED_VERSION
                + " cu128 on another machine (or pip install torch==" + LibtorchFolder.REQUIRED_VERSION + ") and pass --libtorch DIR instead.",
                readTimeout);
    }

    /** Where DJL fetches libtorch {@value LibtorchFolder#REQUIRED_VERSION}'s files from. */
    URI versionRoot() {
        return URI.create(base.toString().replaceAll("/+$", "") + "/pytorch/" + LibtorchFolder.REQUIRED_VERSION);
    }

    /**
     * Fetches and unpacks the CUDA build unless it is there already, then checks it.
     *
     * @param cache DJL's PyTorch cache folder ({@code ~/.djl.ai/pytorch}, or {@code $DJL_CACHE_DIR/pytorch})
     * @return the checked folder, which the next start of the program loads
     */
    public LibtorchFolder fetch(Path cache, ProgressListener progress, CancellationToken cancel) throws IOException {
        Path target = cache.resolve(LibtorchChoice.CUDA_CACHE_NAME);
        Path failed = LibtorchChoice.failureMark(target);
        if (Files.isRegularFile(failed)) {
            // It passed the checks below once and still failed to load: fetch it anew rather than trust it again.
            progress.progress(0, 1, "replacing " + target + ", which failed to load: " + Files.readAllLines(failed).stream().findFirst().orElse(""));
            StagedFolder.deleteTree(target);
            Files.delete(failed);
        }
        if (Files.isDirectory(target)) {
            try {
                LibtorchFolder present = LibtorchFolder.check(target, "DJL cache");
                present.checkLibraries("DJL cache");
                progress.progress(1, 1, "libtorch " + present.version() + " " + present.flavor() + " is already in " + target);
                return present;
            } catch (IllegalArgumentException e) {
                // Only this command and DJL write here; a folder that fails the checks is replaced, never kept.
                progress.progress(0, 1, "replacing what is in " + target + ": " + e.getMessage());
                StagedFolder.deleteTree(target);
            }
        }
        Files.createDirectories(cache);
        List<String> entries = index(cache, progress, cancel);
        Path downloads = cache.resolve(LibtorchChoice.CUDA_CACHE_NAME + ".download");
        Files.createDirectories(downloads);

        List<RemoteFile> remotes = new ArrayList<>();
        long total = 0;
        for (String entry : entries) {
            cancel.throwIfCancelled();
            RemoteFile remote = http.describe(uri(entry), gzName(entry));
            remotes.add(remote);
            total += Math.max(0, remote.size());
        }
        long before = 0;
        for (int i = 0; i < entries.size(); i++) {
            cancel.throwIfCancelled();
            RemoteFile remote = remotes.get(i);
            Path gz = downloads.resolve(remote.name());
            if (!(Files.isRegularFile(gz) && Files.size(gz) == remote.size())) {
                http.fetch(uri(entries.get(i)), remote, gz, offset(progress, before, total), cancel, "run gpu-setup again");
            }
            before += Math.max(0, remote.size());
            progress.progress(before, Math.max(total, 1), String.format("%d of %d files, %.1f of %.1f MB", i + 1, entries.size(),
                    before / 1e6, total / 1e6));
        }
        Path unpacked = cache.resolve(LibtorchChoice.CUDA_CACHE_NAME + ".unpacking");
        StagedFolder.deleteTree(unpacked);
        Files.createDirectories(unpacked);
        LibtorchFolder folder;
        try {
            for (int i = 0; i < entries.size(); i++) {
                cancel.throwIfCancelled();
                progress.progress(i, entries.size(), "unpacking and checking " + remotes.get(i).name());
                Path gz = downloads.resolve(remotes.get(i).name());
                Path lib = unpacked.resolve(libName(entries.get(i)));
                gunzip(uri(entries.get(i)), gz, lib, cancel);
                String problem = SharedLibraryCheck.problem(lib);
                if (problem != null) {
                    Files.deleteIfExists(gz);
                    throw new DownloadException(uri(entries.get(i)) + ": unpacked, " + lib.getFileName() + " is " + problem
                            + "; it was deleted, nothing was kept; run gpu-setup again to fetch it anew");
                }
            }
            try {
                folder = LibtorchFolder.check(unpacked, "gpu-setup");
                folder.checkLibraries("gpu-setup");
            } catch (IllegalArgumentException e) {
                throw new DownloadException(versionRoot() + " delivered something that is not a usable libtorch (" + e.getMessage()
                        + "); nothing was kept");
            }
        } catch (IOException | RuntimeException e) {
            // The message says nothing was kept: the half-unpacked folder goes (the compressed files stay, to resume from).
            StagedFolder.deleteTree(unpacked);
            throw e;
        }
        Files.move(unpacked, target, StandardCopyOption.ATOMIC_MOVE);
        folder = LibtorchFolder.check(target, "gpu-setup");
        StagedFolder.deleteTree(downloads);
        progress.progress(1, 1, "libtorch " + folder.version() + " " + folder.flavor() + " ready in " + target
                + " (sizes, gzip CRC-32, ELF headers and version checked; DJL publishes no checksum)");
        return folder;
    }

    /**
     * DJL's index of the version's files, kept where DJL keeps it; the lines for cu128 on Linux x86-64. A kept index that
     * fails the checks (a cut-short fetch by an older version, or by DJL) is fetched anew; a fetched one that fails them
     * is not kept.
     */
    private List<String> index(Path cache, ProgressListener progress, CancellationToken cancel) throws IOException {
        Path indexFile = cache.resolve(LibtorchFolder.REQUIRED_VERSION + ".txt");
        URI indexUri = URI.create(versionRoot() + "/files.txt");
        if (Files.isRegularFile(indexFile)) {
            try {
                return entries(indexFile, indexUri + " (kept as " + indexFile + ")");
            } catch (DownloadException e) {
                progress.progress(0, 1, "fetching the index anew: " + e.getMessage());
                Files.delete(indexFile);
            }
        }
        Path fetched = cache.resolve(LibtorchFolder.REQUIRED_VERSION + ".txt.download");
        Files.deleteIfExists(fetched);
        http.fetch(indexUri, new RemoteFile("files.txt", -1, null), fetched, progress, cancel, "run gpu-setup again");
        try {
            List<String> entries = entries(fetched, indexUri.toString());
            Files.move(fetched, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return entries;
        } finally {
            Files.deleteIfExists(fetched);
        }
    }

    /** The index's cu128 Linux lines, checked: each names native/lib/NAME.gz, and every library a CUDA build needs is listed. */
    private static List<String> entries(Path indexFile, String source) throws IOException {
        String prefix = FLAVOR + "/" + CLASSIFIER + "/";
        if (Files.size(indexFile) > 1 << 20) {
            throw new DownloadException(source + ": " + Files.size(indexFile) + " bytes, not an index of a few hundred lines");
        }
        List<String> lines;
        try {
            lines = java.util.Arrays.asList(org.eapexplorer.io.JsonFiles.readUtf8(indexFile).split("\r?\n"));
        } catch (IOException e) {
            throw new DownloadException(source + ": not a text index (" + e.getMessage() + ")");
        }
        List<String> entries = lines.stream().map(String::trim).filter(line -> line.startsWith(prefix)).toList();
        if (entries.isEmpty()) {
            throw new DownloadException(source + " lists no " + prefix + " files; expected lines like "
                    + prefix + "native/lib/libtorch.so.gz");
        }
        java.util.Set<String> names = new java.util.HashSet<>();
        for (String entry : entries) {
            String name = libName(entry);
            if (!entry.startsWith(prefix + "native/lib/") || !entry.endsWith(".gz") || name.isEmpty() || name.contains("/")
                    || name.startsWith(".") || !names.add(name)) {
                throw new DownloadException(source + ": unexpected entry \"" + entry + "\" (expected " + prefix
                        + "native/lib/NAME.gz, each name once)");
            }
        }
        List<String> missing = LibtorchFolder.CUDA_LIBRARIES.stream().filter(lib -> !names.contains(lib)).toList();
        if (!missing.isEmpty()) {
            throw new DownloadException(source + " lists no " + String.join(", ", missing) + " for " + prefix
                    + " (cut short?); a CUDA build of libtorch needs " + String.join(", ", LibtorchFolder.CUDA_LIBRARIES));
        }
        return entries;
    }

    private URI uri(String entry) {
        return URI.create(versionRoot() + "/" + entry);
    }

    /** The compressed file's name in the download folder: the entry's last part, as DJL decodes it. */
    private static String gzName(String entry) {
        return URLDecoder.decode(entry.substring(entry.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
    }

    /** The unpacked library's name, as DJL names it: the entry's last part without ".gz", URL-decoded. */
    private static String libName(String entry) {
        String last = entry.substring(entry.lastIndexOf('/') + 1);
        return URLDecoder.decode(last.substring(0, Math.max(0, last.length() - 3)), StandardCharsets.UTF_8);
    }

    /**
     * Unpacks one file; GZIPInputStream compares the gzip trailer's CRC-32 and length with what it unpacked and
     * throws at the end when they differ. A corrupt file is deleted so that the next run fetches it anew.
     */
    private static void gunzip(URI from, Path gz, Path out, CancellationToken cancel) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), 1 << 16); OutputStream o = Files.newOutputStream(out)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                cancel.throwIfCancelled();
                try {
                    o.write(buffer, 0, n);
                } catch (IOException e) {
                    throw new DownloadException(out + ": cannot be written (" + e.getMessage() + "); nothing was kept", e);
                }
            }
        } catch (ZipException | EOFException e) {
            Files.deleteIfExists(gz);
            throw new DownloadException(from + ": the file is corrupt (" + e.getMessage() + ": its gzip CRC-32 or length does not match); "
                    + "it was deleted, nothing was kept; run gpu-setup again to fetch it anew", e);
        }
    }

    /** Hands a file's byte progress on as progress through all files. */
    private static ProgressListener offset(ProgressListener progress, long before, long total) {
        return (done, fileTotal, message) -> progress.progress(before + done, Math.max(total, 1), message);
    }

}
