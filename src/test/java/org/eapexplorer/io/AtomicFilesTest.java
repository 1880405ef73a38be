package org.eapexplorer.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Atomic writes: nothing half-written, nothing replaced on failure, and no temporary outlives its killed writer. */
class AtomicFilesTest {

    @TempDir
    Path dir;

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporary() throws IOException {
        Path target = dir.resolve("out.json");
        Files.writeString(target, "good");
        assertThrows(IOException.class, () -> AtomicFiles.writeText(target, w -> {
            w.write("half");
            throw new IOException("disk full");
        }));
        assertEquals("good", Files.readString(target));
        assertEquals(List.of("out.json"), names());
    }

    /**
     * A full disk fails the write with the operating system's bare "No space left on device": the message must say which
     * file could not be written. The fault is injected by the stream the temporary is written through, so that no
     * full file system is needed.
     */
    @Test
    void aFullDiskNamesTheFileBeingWritten() throws IOException {
        Path target = dir.resolve("scores.json");
        Files.writeString(target, "good");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(new byte[1 << 20]),
                tmp -> new java.io.FilterOutputStream(Files.newOutputStream(tmp)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException("No space left on device");
                    }
                }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals("good", Files.readString(target));
        assertEquals(List.of("scores.json"), names());
    }

    /** The same through a real ENOSPC: /dev/full refuses every write as a full disk does. */
    @Test
    void theOperatingSystemsNoSpaceIsNamedToo() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "Linux's /dev/full");
        Path target = dir.resolve("model.safetensors");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(new byte[1 << 20]),
                tmp -> Files.newOutputStream(Path.of("/dev/full"))));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": No space left on device"), e.getMessage());
        assertEquals(List.of(), names());
    }

    @Test
    void aStaleTemporaryOfAProcessThatIsGoneIsRemovedByTheNextWrite() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(30, TimeUnit.SECONDS);
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        Path dead = Files.writeString(dir.resolve(".out.json.eap-" + gone.pid() + "-" + start + "-1a2b.tmp"), "half");
        // Same id as a live process, another start time: the id was reused, the writer is gone.
        Path reused = Files.writeString(dir.resolve(".x.svg.eap-" + ProcessHandle.current().pid() + "-" + (start - 5000) + "-3c.tmp"), "half");
        Path live = Files.writeString(dir.resolve(".y.png.eap-" + ProcessHandle.current().pid() + "-" + start + "-4d.tmp"), "being written");
        Path notOurs = Files.writeString(dir.resolve(".z.json123.tmp"), "someone else's");

        AtomicFiles.writeText(dir.resolve("other.json"), w -> w.write("{}"));

        assertFalse(Files.exists(dead), "a dead process's temporary is removed");
        assertFalse(Files.exists(reused), "a temporary whose id was reused is removed");
        assertTrue(Files.exists(live), "a live writer's temporary is kept");
        assertTrue(Files.exists(notOurs), "a file this program did not name is kept");
        assertEquals("{}", Files.readString(dir.resolve("other.json")));
    }

    @Test
    void aWriterKilledMidWriteLeavesATemporaryThatTheNextRunRemoves() throws Exception {
        Path target = dir.resolve("scores.json");
        Files.writeString(target, "good");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), StalledWriter.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("writing", out.readLine(), "the child started its write");
            child.destroyForcibly();   // SIGKILL on Unix: no finally block, no shutdown hook runs
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        List<String> left = names().stream().filter(n -> n.endsWith(".tmp")).toList();
        assertEquals(1, left.size(), "the killed write left its temporary: " + names());
        assertEquals("good", Files.readString(target), "the killed write did not touch the output");

        AtomicFiles.writeText(dir.resolve("next.json"), w -> w.write("{}"));

        assertEquals(List.of("next.json", "scores.json"), names());
    }

    @Test
    void aTargetWhoseNameIsNearTheFileSystemsLimitIsWritten() throws IOException {
        // 250 characters: the temporary's name must not add its marks to the full name and pass 255.
        Path target = dir.resolve("s".repeat(245) + ".json");
        AtomicFiles.writeText(target, w -> w.write("{}"));
        assertEquals("{}", Files.readString(target));
        assertEquals(List.of(target.getFileName().toString()), names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A child process that starts an atomic write and hangs in it until killed. */
    public static final class StalledWriter {
        public static void main(String[] args) throws IOException {
            AtomicFiles.writeText(Path.of(args[0]), w -> {
                w.write("half a file");
                w.flush();
                System.out.println("writing");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
