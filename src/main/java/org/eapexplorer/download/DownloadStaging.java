package org.eapexplorer.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.io.ModelFiles;
import org.eapexplorer.io.StagedFolder;

/**
 * Where a model download collects its files before they go into the user's folder: the hidden folder
 * {@code .NAME.eap-download/} beside {@code NAME} (same parent, so the same file system, so each move is a rename).
 * The folder keeps what a failed or cancelled run received (partial files resume from there); the user's folder is
 * not touched until every file has arrived and passed its checks.
 *
 * <p>Moving in: a folder that does not exist yet (or is empty) appears in one rename, whole. Into an existing folder the
 * files move one by one, which a killed process can interrupt; so the list of files to move is written first
 * ({@code moving.txt}, itself put in place by a rename), and the next download into the same folder finishes that
 * move before anything else. The order is everything else first and the weights ({@code .safetensors}, {@code .bin},
 * their index) last, so that an interrupted move never shows new weights under an old config; it can show a new
 * config beside the old weights until the next download finishes the move, and the files keep the staging folder
 * beside the model until then.
 */
final class DownloadStaging {

    private final Path out;
    private final Path root;

    private DownloadStaging(Path out, Path root) {
        this.out = out;
        this.root = root;
    }

    /** @param out the model folder, absolute and normalized */
    static DownloadStaging beside(Path out) {
        return new DownloadStaging(out, ModelFiles.downloadStaging(out));
    }

    /** Where the files collect, at the same relative paths as in the model folder. */
    Path files() {
        return root.resolve("files");
    }

    /** Staged files (and partial files) of other names, left by an earlier run with other --files, are not moved in by this one. */
    void keepOnly(List<String> names) throws IOException {
        if (!Files.isDirectory(files())) {
            return;
        }
        Set<Path> keep = new HashSet<>();
        for (String name : names) {
            keep.add(files().resolve(name));
            keep.add(files().resolve(name + ".part"));
        }
        try (Stream<Path> walk = Files.walk(files())) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                boolean folder = Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                if (!folder && !keep.contains(p)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** A run killed while moving files in: the files it listed were all checked; move the rest of them in now. */
    void finishInterruptedMove(ProgressListener progress) throws IOException {
        Path journal = ModelFiles.downloadMoveJournal(out);
        if (!Files.isRegularFile(journal)) {
            return;
        }
        List<String> names = Files.readAllLines(journal, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        progress.progress(0, 1, "finishing the move into " + out + " of an earlier download that was stopped part-way ("
                + names.size() + " files)");
        for (String name : names) {
            HubDownloader.checkFileName(name);
            Path staged = files().resolve(name);
            if (Files.isRegularFile(staged)) {
                Files.createDirectories(out.resolve(name).getParent());
                Files.move(staged, out.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        }
        StagedFolder.deleteTree(root);
    }

    /** Moves the checked files in (see the class comment for the order), then removes the staging folder. */
    void moveIn(List<String> names, ProgressListener progress) throws IOException {
        if (names.isEmpty()) {
            StagedFolder.deleteTree(root);
            return;
        }
        if (!Files.exists(out) || isEmptyFolder(out)) {
            Files.deleteIfExists(out);
            Files.createDirectories(out.getParent());
            Files.move(files(), out, StandardCopyOption.ATOMIC_MOVE);
            StagedFolder.deleteTree(root);
            progress.progress(1, 1, names.size() + " files moved into " + out);
            return;
        }
        List<String> order = new ArrayList<>(names);
        order.sort(Comparator.comparing(DownloadStaging::isWeights));
        Path journal = ModelFiles.downloadMoveJournal(out);
        Path tmp = journal.resolveSibling(journal.getFileName() + ".tmp");
        Files.write(tmp, order, StandardCharsets.UTF_8);
        Files.move(tmp, journal, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (String name : order) {
            Path into = out.resolve(name);
            Files.createDirectories(into.getParent());
            Files.move(files().resolve(name), into, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        StagedFolder.deleteTree(root);
        progress.progress(1, 1, names.size() + " files moved into " + out);
    }

    static boolean isWeights(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".safetensors") || n.endsWith(".bin") || n.endsWith(".index.json");
    }

    private static boolean isEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.findAny().isEmpty();
        }
    }

}
