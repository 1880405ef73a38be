package org.eapexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Files the program reads must be regular files (after following links): opening a FIFO for reading waits for a
 * writer that may never come, and a device such as {@code /dev/zero} never ends. Each is refused, before it is opened,
 * as what it is: "x.safetensors: not a regular file (a link to /dev/zero, a character device)".
 */
public final class RegularFiles {

    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    private RegularFiles() {
    }

    /**
     * Refuses {@code file} unless it is a regular file.
     *
     * @throws NoSuchFileException when there is nothing there (a dangling link included), for callers that say so their way
     * @throws IOException         "FILE: not a regular file (a FIFO …)" for anything else that is not a regular file
     */
    public static void require(Path file) throws IOException {
        String problem = problem(file);
        if (problem != null) {
            throw new IOException(file + ": " + problem);
        }
    }

    /** {@link Files#newInputStream} of a file {@link #require} accepts. */
    public static InputStream newInputStream(Path file) throws IOException {
        require(file);
        return Files.newInputStream(file);
    }

    /**
     * Why {@code file} cannot be read as a file ("not a regular file (a FIFO)", "is a folder, not a file"), or null when
     * it is a regular file.
     *
     * @throws NoSuchFileException when there is nothing there
     */
    public static String problem(Path file) throws IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, Files.isSymbolicLink(file) ? "a link to a file that does not exist" : "no such file");
        }
        if (attributes.isRegularFile()) {
            return null;
        }
        if (attributes.isDirectory()) {
            return "is a folder, not a file";
        }
        String link = "";
        if (Files.isSymbolicLink(file)) {
            try {
                link = "a link to " + file.toRealPath() + ", ";
            } catch (IOException e) {
                link = "a link to ";
            }
        }
        return "not a regular file (" + link + kind(file) + ")";
    }

    private static String kind(Path file) {
        Object mode;
        try {
            mode = Files.getAttribute(file, "unix:mode");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "a special file";
        }
        int type = mode instanceof Integer m ? m & TYPE_MASK : 0;
        return switch (type) {
            case FIFO -> "a named pipe (FIFO)";
            case CHARACTER_DEVICE -> "a character device";
            case BLOCK_DEVICE -> "a block device";
            case SOCKET -> "a socket";
            default -> "a special file";
        };
    }
}
