package org.eapexplorer.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file through a temporary sibling that is moved into place, so a failed export never leaves half a file
 * and never replaces a good one.
 *
 * <p>The temporary sits in the target's own directory (a rename is atomic only within one file system) and is named
 * {@code .scores.json.eap-PID-START-RANDOM.tmp}: the writing process's id and start time. A run killed before its
 * move (SIGKILL, a power cut) cannot delete its temporary, so every later write into that directory removes the
 * temporaries whose process is gone, or whose id now belongs to a process started at another time.
 */
public final class AtomicFiles {

    /** Produces text content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Produces binary content. */
    @FunctionalInterface
    public interface Bytes {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final int MAX_BASE = 64;
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.eap-(\\d+)-(\\d+)-[0-9a-f]+\\.tmp");

    private AtomicFiles() {
    }

    public static void writeText(Path target, Content content) throws IOException {
        write(target, out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            content.writeTo(writer);
            writer.flush();
        });
    }

    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Opens the temporary for writing: the file itself, or in tests a stream that fails as a full disk does. */
    @FunctionalInterface
    interface Opener {
        OutputStream open(Path tmp) throws IOException;
    }

    public static void write(Path target, Bytes content) throws IOException {
        write(target, content, tmp -> Files.newOutputStream(tmp, StandardOpenOption.WRITE));
    }

    static void write(Path target, Bytes content, Opener opener) throws IOException {
        Path tmp = createTemporary(target);
        boolean moved = false;
        try {
            // The operating system's "No space left on device" names no file: the message names the target.
            try (OutputStream out = new java.io.BufferedOutputStream(FileErrors.naming(target, opener.open(tmp)))) {
                content.writeTo(out);
            }
            moveIntoPlace(tmp, target);
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A new, empty temporary for {@code target} in its directory (created if need be), after removing the stale
     * temporaries of dead processes there. It is an ordinary file (the umask's mode, like the user's others, not
     * {@code createTempFile}'s 0600), since it becomes the output. Pair with {@link #moveIntoPlace}, and delete it
     * if the write fails.
     */
    public static Path createTemporary(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            removeStaleTemporaries(dir);
            String owner = ownerTag();
            // File names stop at 255 bytes: a long target's name is shortened in its temporary, which only has to be unique.
            String name = absolute.getFileName().toString();
            String base = name.length() > MAX_BASE ? name.substring(0, MAX_BASE) : name;
            while (true) {
                Path tmp = dir.resolve("." + base + owner + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
                try {
                    return Files.createFile(tmp);
                } catch (FileAlreadyExistsException e) {
                    if (!Files.isDirectory(dir)) {
                        throw e;
                    }
                    // another writer drew the same random name: draw again
                }
            }
        } catch (FileSystemException e) {
            throw FileErrors.writing(target, e);
        }
    }

    /** Replaces {@code target} with {@code tmp}, atomically where the file system can. */
    public static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                // Same directory, so only on unusual file systems; replacing is still better than losing the output.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileSystemException e) {
            throw FileErrors.writing(target, e);
        }
    }

    /**
     * Deletes this program's temporaries in {@code dir} whose writer is no longer running; returns how many. A
     * temporary whose process cannot be asked about is kept: never delete a live writer's file.
     */
    static int removeStaleTemporaries(Path dir) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".*.eap-*.tmp")) {
            for (Path p : entries) {
                Matcher m = TEMPORARY.matcher(p.getFileName().toString());
                if (m.matches() && ownerIsGone(m.group(1), m.group(2))) {
                    try {
                        removed += Files.deleteIfExists(p) ? 1 : 0;
                    } catch (IOException e) {
                        // someone else's file, or a read-only directory: the write itself will say what is wrong
                    }
                }
            }
        } catch (IOException e) {
            // an unlistable directory: cleaning is a courtesy, the write goes on and reports its own failure
        }
        return removed;
    }

    /** ".eap-PID-START-": this process, as the names of its temporaries (and staging folders) say. */
    static String ownerTag() {
        return ".eap-" + ProcessHandle.current().pid() + "-" + startMillis(ProcessHandle.current()) + "-";
    }

    static boolean ownerIsGone(String pid, String start) {
        long id;
        long startMillis;
        try {
            id = Long.parseLong(pid);
            startMillis = Long.parseLong(start);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(id);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        long now = startMillis(process.get());
        // The id was reused by a later process; 0 means a start time this platform does not report.
        return now != 0 && startMillis != 0 && now != startMillis;
    }

    private static long startMillis(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }
}
