package org.eapexplorer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.runtime.LibtorchChoice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A libtorch that passes every check made before loading and still fails to load, in a separate JVM each (a failed
 * System.load cannot be undone in this one): from DJL's cache, chosen automatically, the run goes on with the bundled
 * CPU build after one line saying why; named with --libtorch, it is refused in one line naming the folder, the file
 * and the linker's reason.
 */
class LibtorchLoadFailureTest {

    @TempDir
    Path dir;

    private Path djlCache;
    private Path broken;

    @BeforeEach
    void brokenCudaBuildInACache() throws IOException {
        // The bundled CPU build, unpacked once by this JVM, is lent to the child's cache so that it need not unpack it again.
        DjlRuntime.engine();
        Path bundled = Path.of(ai.djl.pytorch.jni.LibUtils.getLibtorchPath());
        djlCache = Files.createDirectories(dir.resolve("djl"));
        Path pytorch = Files.createDirectories(djlCache.resolve("pytorch"));
        Files.createSymbolicLink(pytorch.resolve(bundled.getFileName()), bundled);
        broken = Files.createDirectories(pytorch.resolve(LibtorchChoice.CUDA_CACHE_NAME));
        // A sound ELF header, as a file cut short or overwritten with other code would have: only the loader can tell.
        Random random = new Random(3);
        byte[] header = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
        for (String lib : List.of("libc10.so", "libc10_cuda.so", "libtorch.so", "libtorch_cpu.so", "libtorch_cuda.so")) {
            byte[] bytes = new byte[4096];
            random.nextBytes(bytes);
            System.arraycopy(header, 0, bytes, 0, header.length);
            Files.write(broken.resolve(lib), bytes);
        }
    }

    private record Run(int code, String out) {
    }

    private Run run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.eapexplorer.Launcher"));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (String name : List.of("EAP_LIBTORCH", "PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "ENGINE_CACHE_DIR")) {
            env.remove(name);
        }
        env.put("DJL_CACHE_DIR", djlCache.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), output);
        return new Run(process.exitValue(), output);
    }

    @Test
    void aCachedCudaBuildThatFailsToLoadGivesWayToTheBundledCpuBuildWithOneLine() throws Exception {
        Run doctor = run("doctor");
        assertEquals(0, doctor.code(), doctor.out());
        List<String> said = doctor.out().lines().filter(l -> l.contains(broken.toString())).toList();
        assertEquals(1, said.stream().filter(l -> l.contains("failed to load")).count(), doctor.out());
        String line = said.stream().filter(l -> l.contains("failed to load")).findFirst().orElseThrow();
        assertTrue(line.contains("bundled CPU build") && line.contains("libc10.so"), line);
        assertTrue(doctor.out().contains("flavour cpu") || doctor.out().contains(" cpu"), doctor.out());
    }

    @Test
    void aNamedLibtorchThatFailsToLoadIsRefusedNamingTheFolderTheFileAndTheCause() throws Exception {
        Run doctor = run("doctor", "--libtorch", broken.toString());
        assertEquals(1, doctor.code(), doctor.out());
        String line = doctor.out().lines().filter(l -> l.contains("failed to load")).findFirst().orElseThrow(() -> new AssertionError(doctor.out()));
        assertTrue(line.contains(broken.toString()) && line.contains("libc10.so"), line);
        assertTrue(!line.endsWith("Failed to load PyTorch native library"), line);
        assertTrue(line.matches(".*libc10\\.so: .+"), line);
    }

    @Test
    void aCachedBuildThatFailsPartWayStopsThisRunAndIsPassedOverFromTheNextStart() throws Exception {
        // libc10.so loads (a small real library standing in for it), then libtorch_cpu.so fails: this process holds part
        // of the CUDA build and could not take the bundled one too without aborting.
        Files.copy(Path.of(System.getProperty("java.home"), "lib", "libprefs.so"), broken.resolve("libc10.so"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Run first = run("doctor");
        assertEquals(1, first.code(), first.out());
        String line = first.out().lines().filter(l -> l.contains("failed to load")).findFirst().orElseThrow(() -> new AssertionError(first.out()));
        assertTrue(line.contains(broken.toString()) && line.contains("libtorch_cpu.so") && line.contains("the next start uses it"), line);
        assertTrue(Files.isRegularFile(LibtorchChoice.failureMark(broken)));

        Run next = run("doctor");
        assertEquals(0, next.code(), next.out());
        String note = next.out().lines().filter(l -> l.contains("passed over")).findFirst().orElseThrow(() -> new AssertionError(next.out()));
        assertTrue(note.contains(broken.toString()) && note.contains("failed to load at an earlier start") && note.contains("libtorch_cpu.so"),
                note);
    }
}
