package org.eapexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which libtorch is chosen, which flavour DJL is told, and which message a bad folder gets: all with fake folders. */
class LibtorchChoiceTest {

    @TempDir
    Path dir;

    private static final String SO = System.mapLibraryName("torch");

    /** An unpacked libtorch zip: libtorch/build-version and libtorch/lib/libtorch.so (+ libtorch_cuda.so for CUDA). */
    private Path libtorchZip(String name, String buildVersion, boolean cuda) throws IOException {
        Path root = Files.createDirectories(dir.resolve(name).resolve("libtorch"));
        Files.writeString(root.resolve("build-version"), buildVersion + "\n");
        Path lib = Files.createDirectories(root.resolve("lib"));
        Files.write(lib.resolve(SO), new byte[1]);
        if (cuda) {
            Files.write(lib.resolve(System.mapLibraryName("torch_cuda")), new byte[1]);
        }
        return root;
    }

    /** A pip-installed torch: torch/version.py and torch/lib/libtorch.so. */
    private Path pipTorch(String version) throws IOException {
        Path torch = Files.createDirectories(dir.resolve("site-packages").resolve("torch"));
        Files.writeString(torch.resolve("version.py"), "__version__ = '" + version + "'\ncuda = '12.8'\n");
        Path lib = Files.createDirectories(torch.resolve("lib"));
        Files.write(lib.resolve(SO), new byte[1]);
        Files.write(lib.resolve(System.mapLibraryName("torch_cuda")), new byte[1]);
        return lib;
    }

    @Test
    void aCudaLibtorchZipIsTakenWithItsLibFolderVersionAndFlavour() throws IOException {
        Path root = libtorchZip("zip", "2.7.1+cu128", true);
        LibtorchChoice choice = LibtorchChoice.select(root, Map.of(), null, null);
        LibtorchFolder f = choice.folder().orElseThrow();
        assertEquals(root.resolve("lib").toAbsolutePath().normalize(), f.lib());
        assertEquals("cu128", choice.flavor());
        assertEquals("--libtorch", choice.origin());
        assertEquals(Map.of("PYTORCH_LIBRARY_PATH", f.lib().toString(), "PYTORCH_VERSION", "2.7.1", "PYTORCH_FLAVOR", "cu128"),
                choice.djlProperties());
    }

    @Test
    void aPipTorchLibIsReadFromVersionPy() throws IOException {
        Path lib = pipTorch("2.7.1+cu128");
        LibtorchChoice choice = LibtorchChoice.select(null, Map.of(LibtorchChoice.ENV, lib.toString()), null, null);
        assertEquals("cu128", choice.flavor());
        assertEquals(LibtorchChoice.ENV, choice.origin());
    }

    @Test
    void aPipTorchWithoutLocalVersionIsCudaWhenItShipsTorchCuda() throws IOException {
        Path lib = pipTorch("2.7.1");
        assertEquals("cu128", LibtorchFolder.check(lib, "--libtorch").flavor());
    }

    @Test
    void theWrongVersionIsRefusedNamingTheFolderAndTheNeededVersion() throws IOException {
        Path root = libtorchZip("old", "2.5.1+cu124", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibtorchChoice.select(root, Map.of(), null, null));
        assertTrue(e.getMessage().startsWith("--libtorch " + root + ": libtorch 2.5.1, but DJL's JNI needs 2.7.1"), e.getMessage());
    }

    @Test
    void aCudaFlavourWithoutAJniLibraryIsRefused() throws IOException {
        Path root = libtorchZip("cu126", "2.7.1+cu126", true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibtorchFolder.check(root, "--libtorch"));
        assertTrue(e.getMessage().contains("a cu126 build of libtorch, but DJL's JNI library exists only for cpu and cu128"),
                e.getMessage());
    }

    @Test
    void anOldAbiBuildIsRefused() throws IOException {
        Path root = libtorchZip("precxx11", "2.7.1+cu128", true);
        Files.write(root.resolve("lib").resolve("libstdc++.so.6"), new byte[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibtorchFolder.check(root, "--libtorch"));
        assertTrue(e.getMessage().contains("cu128-precxx11"), e.getMessage());
    }

    @Test
    void aFolderWithoutLibtorchIsRefused() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LibtorchFolder.check(empty, "EAP_LIBTORCH"));
        assertEquals("EAP_LIBTORCH " + empty + ": no " + SO + " in it or in its lib/ (expected a libtorch 2.7.1 folder "
                + "or a pip-installed torch/lib)", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> LibtorchFolder.check(dir.resolve("nowhere"), "--libtorch"));
        assertTrue(missing.getMessage().contains(": not a folder"), missing.getMessage());
    }

    @Test
    void theOptionWinsOverTheEnvironmentWhichWinsOverTheSettingAndTheCache() throws IOException {
        Path option = libtorchZip("option", "2.7.1+cpu", false);
        Path env = libtorchZip("env", "2.7.1+cu128", true);
        Path setting = libtorchZip("setting", "2.7.1+cu128", true);
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = cudaCache(cache);
        Map<String, String> environment = Map.of("PYTORCH_LIBRARY_PATH", env.toString());

        assertEquals("--libtorch", LibtorchChoice.select(option, environment, setting, cache).origin());
        assertEquals("cpu", LibtorchChoice.select(option, environment, setting, cache).flavor());
        assertEquals("PYTORCH_LIBRARY_PATH", LibtorchChoice.select(null, environment, setting, cache).origin());
        assertEquals("the window's libtorch setting", LibtorchChoice.select(null, Map.of(), setting, cache).origin());
        LibtorchChoice fromCache = LibtorchChoice.select(null, Map.of(), null, cache);
        assertEquals("CUDA build in DJL's cache (gpu-setup)", fromCache.origin());
        assertEquals("cu128", fromCache.flavor());
        assertEquals(cached.toAbsolutePath().normalize(), fromCache.folder().orElseThrow().lib());
    }

    /** What gpu-setup leaves in DJL's cache: the CUDA build's libraries, each an ELF shared object (a header, no code). */
    private static Path cudaCache(Path cache) throws IOException {
        Path cached = Files.createDirectories(cache.resolve(LibtorchChoice.CUDA_CACHE_NAME));
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 62, 0};
        for (String lib : new String[] {"libc10.so", "libc10_cuda.so", "libtorch.so", "libtorch_cpu.so", "libtorch_cuda.so"}) {
            Files.write(cached.resolve(lib), java.util.Arrays.copyOf(elf, 64));
        }
        return cached;
    }

    @Test
    void aCacheFolderMissingALibraryIsPassedOverWithOneLineSayingWhy() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = cudaCache(cache);
        Files.delete(cached.resolve("libtorch_cuda.so"));
        LibtorchChoice choice = LibtorchChoice.select(null, Map.of(), null, cache);
        assertEquals(LibtorchChoice.bundled().folder(), choice.folder());
        assertTrue(choice.note().contains(cached.toString()) && choice.note().contains("libtorch_cuda.so")
                && choice.note().contains("bundled CPU build"), choice.note());
        assertTrue(!choice.note().contains("\n"));
    }

    @Test
    void aCacheFolderHoldingSomethingElseThanLibrariesIsPassedOver() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Path cached = cudaCache(cache);
        Files.write(cached.resolve("libc10.so"), "<html>not found</html>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        LibtorchChoice choice = LibtorchChoice.select(null, Map.of(), null, cache);
        assertEquals(java.util.Optional.empty(), choice.folder());
        assertTrue(choice.note().contains("libc10.so") && choice.note().contains("not an ELF shared object"), choice.note());
        assertEquals(Map.of(), choice.djlProperties());
    }

    @Test
    void withNothingChosenTheBundledCpuBuildLoadsAndDjlIsToldNothing() throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.createDirectories(cache.resolve("2.7.1-20250812-cpu-linux-x86_64"));
        Files.createDirectories(cache.resolve(LibtorchChoice.CUDA_CACHE_NAME)); // an interrupted fetch: no libtorch.so
        LibtorchChoice choice = LibtorchChoice.select(null, Map.of("PYTORCH_LIBRARY_PATH", " "), null, cache);
        assertEquals(LibtorchChoice.bundled().folder(), choice.folder());
        assertTrue(choice.note().contains("passed over"), choice.note());
        assertEquals(Map.of(), choice.djlProperties());
        assertEquals("cpu", choice.flavor());
    }

    @Test
    void deviceGpuWithoutCudaSaysInOneLineWhatToDo() throws IOException {
        String bundled = ComputeDevice.noGpuMessage(LibtorchChoice.bundled());
        assertTrue(bundled.startsWith("--device gpu: this run uses the bundled CPU libtorch; pass --libtorch DIR"), bundled);
        LibtorchChoice cpu = LibtorchChoice.select(libtorchZip("cpu", "2.7.1+cpu", false), Map.of(), null, null);
        assertTrue(ComputeDevice.noGpuMessage(cpu).contains("is a CPU build; pass --libtorch DIR"));
        LibtorchChoice cuda = LibtorchChoice.select(libtorchZip("cuda", "2.7.1+cu128", true), Map.of(), null, null);
        assertTrue(ComputeDevice.noGpuMessage(cuda).contains("sees no CUDA device (check the NVIDIA driver with nvidia-smi"));
        for (LibtorchChoice c : new LibtorchChoice[] {LibtorchChoice.bundled(), cpu, cuda}) {
            assertTrue(!ComputeDevice.noGpuMessage(c).contains("\n"));
        }
    }
}
