package org.eapexplorer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local libtorch the user points at, checked before DJL loads it: DJL's own check happens inside
 * {@code System.load} and ends in an unreadable linker error or a silent download attempt, so the version
 * and the flavour are read from the folder first and refused in one line when DJL's JNI cannot use them.
 *
 * <p>Accepted layouts: an unpacked libtorch zip ({@code libtorch/} with {@code lib/} and {@code build-version}),
 * its {@code lib/} folder, a pip-installed {@code torch/} or {@code torch/lib/} (version in {@code torch/version.py}),
 * and DJL's own cache folder ({@code ~/.djl.ai/pytorch/2.7.1-cu128-linux-x86_64}, version in the name).
 *
 * @param lib     the folder holding {@code libtorch.so}: what DJL's {@code PYTORCH_LIBRARY_PATH} must name
 * @param version libtorch's version, e.g. "2.7.1"
 * @param flavor  DJL's name for the build: "cpu" or "cu128" (with "-precxx11" for the old C++ ABI)
 */
public record LibtorchFolder(Path lib, String version, String flavor) {

    /** The libtorch version DJL 0.36's JNI library (pytorch-jni 2.7.1-0.36.0) is compiled against. */
    public static final String REQUIRED_VERSION = "2.7.1";

    /** The flavours pytorch-jni 2.7.1-0.36.0 carries a JNI library for on linux-x86_64. */
    static final List<String> JNI_FLAVORS = List.of("cpu", "cu128");

    /**
     * The libraries every CUDA build of libtorch 2.x holds and DJL loads by name (LibUtils.loadLibTorch's deferred
     * list, less those PyTorch 2 no longer builds: torch_cuda_cpp, torch_cuda_cu; fbgemm and caffe2_nvrtc are optional).
     */
    public static final List<String> CUDA_LIBRARIES = List.of("libc10.so", "libc10_cuda.so", "libtorch.so", "libtorch_cpu.so",
            "libtorch_cuda.so");

    private static final String LIBTORCH = System.mapLibraryName("torch");
    private static final Pattern VERSION = Pattern.compile("(\\d+\\.\\d+\\.\\d+)(?:\\+(cpu|cu\\d+))?");
    private static final Pattern PY_VERSION = Pattern.compile("__version__\\s*=\\s*['\"]([^'\"]+)['\"]");
    private static final Pattern CACHE_NAME = Pattern.compile("(\\d+\\.\\d+\\.\\d+)-((?:cpu|cu\\d+)(?:-precxx11)?)-.*");

    public boolean isCuda() {
        return flavor.startsWith("cu");
    }

    /**
     * Reads and checks a folder given by {@code --libtorch}, the window's setting or {@code EAP_LIBTORCH}.
     *
     * @param source how the user named it ("--libtorch", "EAP_LIBTORCH"), for the message
     * @throws IllegalArgumentException naming the folder and what was expected, when DJL could not use it
     */
    public static LibtorchFolder check(Path folder, String source) {
        String where = source + " " + folder;
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException(where + ": not a folder (expected a libtorch " + REQUIRED_VERSION
                    + " folder or a pip-installed torch/lib)");
        }
        Path lib = findLib(folder).orElseThrow(() -> new IllegalArgumentException(where + ": no " + LIBTORCH
                + " in it or in its lib/ (expected a libtorch " + REQUIRED_VERSION + " folder or a pip-installed torch/lib)"));
        String[] versionAndFlavor = readVersion(lib).orElseThrow(() -> new IllegalArgumentException(where
                + ": cannot tell libtorch's version (no build-version, torch/version.py or DJL cache name); expected "
                + REQUIRED_VERSION));
        String version = versionAndFlavor[0];
        if (!version.equals(REQUIRED_VERSION)) {
            throw new IllegalArgumentException(where + ": libtorch " + version + ", but DJL's JNI needs "
                    + REQUIRED_VERSION + " exactly (pip install torch==" + REQUIRED_VERSION + ", or run gpu-setup)");
        }
        String flavor = versionAndFlavor[1] != null ? versionAndFlavor[1]
                : Files.exists(lib.resolve(System.mapLibraryName("torch_cuda"))) ? "cu128" : "cpu";
        // DJL marks builds that ship their own old-ABI libstdc++ this way (LibUtils.loadLibTorch); its JNI
        // library here is built for the new C++11 ABI only, as PyTorch 2.7's own wheels and zips are.
        if (Files.exists(lib.resolve("libstdc++.so.6")) && !flavor.endsWith("-precxx11")) {
            flavor = flavor + "-precxx11";
        }
        if (!JNI_FLAVORS.contains(flavor)) {
            throw new IllegalArgumentException(where + ": a " + flavor + " build of libtorch, but DJL's JNI library "
                    + "exists only for " + String.join(" and ", JNI_FLAVORS) + " (C++11 ABI); use a cu128 or cpu build of "
                    + REQUIRED_VERSION);
        }
        return new LibtorchFolder(lib.toAbsolutePath().normalize(), version, flavor);
    }

    /**
     * The stricter check of a folder nobody named (gpu-setup's, in DJL's cache), made before DJL loads every file in it:
     * each library a CUDA build needs is there, and every file is an ELF shared object for this machine.
     *
     * @throws IllegalArgumentException naming the folder, the file and what is wrong
     */
    public void checkLibraries(String source) {
        String where = source + " " + lib;
        List<String> missing = new ArrayList<>();
        if (isCuda()) {
            for (String name : CUDA_LIBRARIES) {
                if (!Files.isRegularFile(lib.resolve(name))) {
                    missing.add(name);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(where + ": no " + String.join(", ", missing) + " (a CUDA build of libtorch holds "
                    + String.join(", ", CUDA_LIBRARIES) + ")");
        }
        try (java.util.stream.Stream<Path> files = Files.list(lib)) {
            for (Path file : files.sorted().toList()) {
                if (Files.isRegularFile(file)) {
                    String problem = SharedLibraryCheck.problem(file);
                    if (problem != null) {
                        throw new IllegalArgumentException(where + ": " + file.getFileName() + " is " + problem);
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(where + ": cannot be listed (" + e.getMessage() + ")");
        }
    }

    private static Optional<Path> findLib(Path folder) {
        for (Path candidate : new Path[] {folder, folder.resolve("lib")}) {
            if (Files.isRegularFile(candidate.resolve(LIBTORCH))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {version, flavour or null}: from libtorch's build-version, pip's torch/version.py, or DJL's cache name. */
    private static Optional<String[]> readVersion(Path lib) {
        Path parent = lib.toAbsolutePath().normalize().getParent();
        if (parent != null) {
            Optional<String[]> found = fromText(parent.resolve("build-version"), Pattern.compile("(.+)"));
            if (found.isEmpty()) {
                found = fromText(parent.resolve("version.py"), PY_VERSION);
            }
            if (found.isPresent()) {
                return found;
            }
        }
        Matcher cache = CACHE_NAME.matcher(String.valueOf(lib.toAbsolutePath().normalize().getFileName()));
        if (cache.matches()) {
            return Optional.of(new String[] {cache.group(1), cache.group(2)});
        }
        return Optional.empty();
    }

    private static Optional<String[]> fromText(Path file, Pattern pattern) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            // A version file is a line or two; a larger one is read no further than a version could be.
            byte[] head;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(64 * 1024);
            }
            Matcher m = pattern.matcher(new String(head, java.nio.charset.StandardCharsets.UTF_8));
            if (!m.find()) {
                return Optional.empty();
            }
            Matcher v = VERSION.matcher(m.group(1).trim().toLowerCase(Locale.ROOT));
            if (!v.lookingAt()) {
                return Optional.empty();
            }
            return Optional.of(new String[] {v.group(1), v.group(2)});
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
