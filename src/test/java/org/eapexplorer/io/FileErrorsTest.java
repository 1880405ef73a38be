package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File-system exceptions whose message is a bare path come out as a sentence saying what is wrong with the path. */
class FileErrorsTest {

    @TempDir
    Path dir;

    @Test
    void eachKindIsSaidInWords() throws IOException {
        Path file = Files.writeString(dir.resolve("cache"), "x");
        assertEquals("no such file or folder: /m/config.json", FileErrors.describe(new NoSuchFileException("/m/config.json")));
        assertTrue(FileErrors.describe(new AccessDeniedException("/ro/out.json")).startsWith("permission denied: /ro/out.json"));
        assertEquals(file + " is a file, expected a folder", FileErrors.describe(new FileAlreadyExistsException(file.toString())));
        assertEquals("/x already exists", FileErrors.describe(new FileAlreadyExistsException("/x")));
        assertEquals("/x is not a folder", FileErrors.describe(new NotDirectoryException("/x")));
        assertEquals("/x is a folder, expected a file", FileErrors.describe(new DirectoryNotEmptyException("/x")));
        assertEquals("/x is on a read-only file system", FileErrors.describe(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("/x: no space left on device", FileErrors.describe(new FileSystemException("/x", null, "No space left on device")));
    }

    @Test
    void aWriteIntoAReadOnlyFolderSaysSo() {
        Path target = dir.resolve("out.json");
        IOException e = FileErrors.writing(target, new AccessDeniedException(dir.resolve(".out.json.eap-1-2-3.tmp").toString()));
        assertEquals("cannot write " + target + ": folder " + dir + " is read-only (no permission to write in it)", e.getMessage());
    }

    @Test
    void writingIntoAFileOrOntoAFolderSaysWhichIsWhich() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Path target = file.resolve("out.json");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeText(target, w -> w.write("{}")));
        assertEquals("cannot write " + target + ": " + file + " is a file, not a folder", e.getMessage());

        Path folder = Files.createDirectories(dir.resolve("graph.svg").resolve("inside"));
        e = assertThrows(IOException.class, () -> AtomicFiles.writeText(folder.getParent(), w -> w.write("<svg/>")));
        assertEquals("cannot write " + folder.getParent() + ": it is a folder; give a file name", e.getMessage());
        try (var left = Files.list(dir)) {
            assertEquals(0, left.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temporary left");
        }
    }

    @Test
    void aFolderThatTheUserCannotWriteSaysSo() throws IOException {
        Path ro = Files.createDirectory(dir.resolve("ro"));
        ro.toFile().setWritable(false, false);
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(ro), "root writes anywhere: nothing to refuse");
            IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeText(ro.resolve("out.json"), w -> w.write("{}")));
            assertEquals("cannot write " + ro.resolve("out.json") + ": folder " + ro + " is read-only (no permission to write in it)", e.getMessage());
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    /**
     * The stream the patching cache appends through names its file when the disk is full: /dev/full fails every write
     * with the operating system's bare "No space left on device", as a full disk does.
     */
    @Test
    void aWriteThatFindsTheDiskFullNamesItsFile() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "Linux's /dev/full");
        Path cache = dir.resolve("0123abcd.jsonl");
        java.io.OutputStream out = FileErrors.naming(cache, Files.newOutputStream(Path.of("/dev/full")));
        IOException e = assertThrows(IOException.class, () -> {
            out.write(new byte[] {'{', '}', '\n'});
            out.flush();
        });
        assertEquals("cannot write " + cache + ": No space left on device", e.getMessage());
        out.close();
    }
}
