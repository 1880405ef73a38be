package org.eapexplorer.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Java's file-system exceptions ({@link NoSuchFileException}, {@link AccessDeniedException} …) carry a bare path as
 * their message, which tells a user nothing; these say in words what is wrong with the path. The one place where such
 * exceptions are translated, for the command line's messages, the window's and {@link AtomicFiles}'.
 */
public final class FileErrors {

    private FileErrors() {
    }

    /** What went wrong, in words, naming the path; for an exception from any file operation. */
    public static String describe(FileSystemException e) {
        String file = e.getFile() == null ? "a file" : e.getFile();
        String other = e.getOtherFile() == null ? "" : " (and " + e.getOtherFile() + ")";
        String reason = e.getReason() == null ? "" : e.getReason().toLowerCase(Locale.ROOT);
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + file + other;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + file + other + " (no permission, or a read-only folder)";
        }
        if (e instanceof FileAlreadyExistsException) {
            return e.getFile() != null && Files.isRegularFile(Path.of(e.getFile())) ? file + " is a file, expected a folder"
                    : file + " already exists" + other;
        }
        if (e instanceof NotDirectoryException) {
            return file + " is not a folder";
        }
        if (e instanceof DirectoryNotEmptyException || reason.contains("is a directory")) {
            return file + " is a folder, expected a file";
        }
        if (reason.contains("read-only file system")) {
            return file + " is on a read-only file system";
        }
        return reason.isEmpty() ? "cannot use " + file + other : file + other + ": " + reason;
    }

    /**
     * The failure to write {@code target} (creating its folder, its temporary or moving it into place), as an
     * exception whose message says why: "cannot write out.json: folder /data is read-only".
     */
    public static IOException writing(Path target, FileSystemException e) {
        Path absolute = target.toAbsolutePath();
        Path folder = nearestExisting(absolute.getParent());
        String why;
        if (Files.isDirectory(absolute)) {
            why = "it is a folder; give a file name";
        } else if (folder != null && !Files.isDirectory(folder)) {
            why = folder + " is a file, not a folder";
        } else if (e instanceof AccessDeniedException || String.valueOf(e.getReason()).toLowerCase(Locale.ROOT).contains("read-only")) {
            why = readOnlyFileSystem(folder) ? "folder " + folder + " is on a read-only file system"
                    : "folder " + folder + " is read-only (no permission to write in it)";
        } else {
            why = describe(e);
        }
        return new IOException("cannot write " + target + ": " + why, e);
    }

    /**
     * The failure of a write into {@code target} (or its temporary), naming the target: the operating system says only
     * "No space left on device" or "Disk quota exceeded", with no path.
     */
    public static IOException writing(Path target, IOException e) {
        if (e instanceof FileSystemException f) {
            return writing(target, f);
        }
        if (e.getMessage() != null && e.getMessage().startsWith("cannot write ")) {
            return e;  // named already
        }
        return new IOException("cannot write " + target + ": " + e.getMessage(), e);
    }

    /** {@code out}, whose failures name {@code target} ({@link #writing(Path, IOException)}). */
    public static java.io.OutputStream naming(Path target, java.io.OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw writing(target, e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw writing(target, e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw writing(target, e);
                }
            }

            @Override
            public void close() throws IOException {
                try {
                    out.close();
                } catch (IOException e) {
                    throw writing(target, e);
                }
            }
        };
    }

    /** The path itself or its closest ancestor that exists; null if none does. */
    static Path nearestExisting(Path path) {
        Path p = path;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p;
    }

    private static boolean readOnlyFileSystem(Path folder) {
        try {
            return folder != null && Files.getFileStore(folder).isReadOnly();
        } catch (IOException e) {
            return false;
        }
    }
}
