package org.eapexplorer.io;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A folder written whole, as a model folder is: its files go into a staging folder beside it
 * ({@code .NAME.eap-PID-START-RANDOM.staging}), and only a complete one replaces the folder, by two renames (the old
 * folder aside, the new one in) and the old one's removal. A failed run leaves the folder as it was and removes its
 * staging folder; none of the old folder's files stay beside the new ones. A run killed before its swap leaves its
 * staging folder, which the next staging beside it removes; one killed between the two renames leaves the old
 * folder aside, which the next one puts back.
 */
public final class StagedFolder implements AutoCloseable {

    private static final Pattern LEFT_BEHIND = Pattern.compile("\\.(.+)\\.eap-(\\d+)-(\\d+)-[0-9a-f]+\\.(staging|old)");

    private final Path target;
    private final Path staging;
    private boolean done;

    private StagedFolder(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /** A new, empty staging folder for {@code target}, in its parent folder (created if need be). */
    public static StagedFolder create(Path target) throws IOException {
        // Through a link, the folder it points to is replaced, and the link kept.
        Path absolute = Files.isDirectory(target) ? target.toRealPath() : target.toAbsolutePath().normalize();
        Path parent = absolute.getParent();
        try {
            Files.createDirectories(parent);
            restoreOrRemoveLeftBehind(parent);
            return new StagedFolder(absolute, Files.createDirectory(sibling(absolute, "staging")));
        } catch (FileSystemException e) {
            throw FileErrors.writing(target, e);
        }
    }

    /** Where the run writes the folder's files. */
    public Path path() {
        return staging;
    }

    /** Puts the staged folder in the target's place, replacing what was there whole. */
    public void commit() throws IOException {
        Path old = null;
        try {
            if (Files.exists(target)) {
                old = sibling(target, "old");
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                if (old != null) {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
        } catch (FileSystemException e) {
            throw FileErrors.writing(target, e);
        }
        done = true;
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Removes the staging folder unless it was committed. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            deleteTree(staging);
        }
    }

    private static Path sibling(Path target, String kind) {
        String name = target.getFileName().toString();
        String base = name.length() > 64 ? name.substring(0, 64) : name;
        return target.resolveSibling("." + base + AtomicFiles.ownerTag() + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1)
                + "." + kind);
    }

    /**
     * The staging folders of runs that are gone are removed; an old folder set aside by a run killed between its two
     * renames goes back in its place when that place is empty, and is removed when the new folder made it there.
     */
    static void restoreOrRemoveLeftBehind(Path parent) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, ".*.eap-*.{staging,old}")) {
            for (Path p : entries) {
                Matcher m = LEFT_BEHIND.matcher(p.getFileName().toString());
                if (!m.matches() || !Files.isDirectory(p) || !AtomicFiles.ownerIsGone(m.group(2), m.group(3))) {
                    continue;
                }
                Path place = parent.resolve(m.group(1));
                try {
                    if (m.group(4).equals("old") && m.group(1).length() < 64 && !Files.exists(place)) {
                        Files.move(p, place, StandardCopyOption.ATOMIC_MOVE);
                    } else {
                        deleteTree(p);
                    }
                } catch (IOException e) {
                    // someone else's folder, or a read-only one: the run's own writes say what is wrong
                }
            }
        } catch (IOException e) {
            // an unlistable folder: tidying is a courtesy
        }
    }

    /** Removes {@code root} and everything below it, never following a link out of it; nothing when it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
