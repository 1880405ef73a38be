package org.eapexplorer.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which libtorch DJL will load, and why: the one place that turns the user's choices into DJL's documented
 * switches ({@code PYTORCH_LIBRARY_PATH}, {@code PYTORCH_VERSION}, {@code PYTORCH_FLAVOR}, read by DJL as
 * environment variables or system properties). Setting all three matters: given only the path, DJL guesses
 * the flavour as "cuXXX-precxx11" or "cpu-precxx11" (LibUtils.LibTorch), for which its JNI jar has no library,
 * and then tries to download one, which offline mode refuses.
 *
 * @param folder the checked local libtorch; empty means the bundled CPU build (pytorch-native-cpu)
 * @param origin how it was chosen, as {@code doctor} reports it
 * @param note   one line for the user when the automatic choice was passed over (why the CUDA build in DJL's cache
 *               is not used), else empty
 */
public record LibtorchChoice(Optional<LibtorchFolder> folder, String origin, String note) {

    /** How the CUDA build that gpu-setup put in DJL's cache is named when chosen: the one choice nobody made by hand. */
    public static final String CACHE_ORIGIN = "CUDA build in DJL's cache (gpu-setup)";

    public LibtorchChoice(Optional<LibtorchFolder> folder, String origin) {
        this(folder, origin, "");
    }

    /** Points DJL at a libtorch folder; takes the place of DJL's {@code PYTORCH_LIBRARY_PATH} in our messages. */
    public static final String ENV = "EAP_LIBTORCH";

    /** The folder name DJL gives the CUDA build it downloads into its cache, and gpu-setup fetches. */
    public static final String CUDA_CACHE_NAME = LibtorchFolder.REQUIRED_VERSION + "-cu128-linux-x86_64";

    public static LibtorchChoice bundled() {
        return new LibtorchChoice(Optional.empty(), "bundled CPU build (pytorch-native-cpu " + LibtorchFolder.REQUIRED_VERSION + ")");
    }

    /**
     * The first of: {@code --libtorch}, {@code EAP_LIBTORCH}, DJL's own {@code PYTORCH_LIBRARY_PATH}, the
     * window's setting, DJL's cache holding the CUDA build, the bundled CPU build. A folder the user named is
     * checked and refused with a message; the cache is only taken when it passes the same check, holds every library
     * a CUDA build needs, each an ELF shared object, and has not failed to load before ({@link #failureMark}); when it
     * does not, the bundled CPU build is chosen with a {@link #note} saying why.
     *
     * @param option  {@code --libtorch} or null
     * @param env     the process environment
     * @param setting the window's libtorch setting or null
     * @param djlPytorchCache DJL's engine cache folder for PyTorch ({@code ~/.djl.ai/pytorch})
     */
    public static LibtorchChoice select(Path option, Map<String, String> env, Path setting, Path djlPytorchCache) {
        if (option != null) {
            return named(option, "--libtorch");
        }
        for (String name : new String[] {ENV, "PYTORCH_LIBRARY_PATH"}) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return named(Path.of(value.trim()), name);
            }
        }
        if (setting != null) {
            return named(setting, "the window's libtorch setting");
        }
        if (djlPytorchCache != null) {
            Path cached = djlPytorchCache.resolve(CUDA_CACHE_NAME);
            Path failed = failureMark(cached);
            if (Files.isDirectory(cached) && Files.isRegularFile(failed)) {
                return bundled().passedOver("passed over the CUDA build in DJL's cache " + cached + ": " + firstLine(failed)
                        + "; using the bundled CPU build (run gpu-setup again to fetch it anew)");
            }
            if (Files.isDirectory(cached)) {
                try {
                    LibtorchFolder folder = LibtorchFolder.check(cached, "DJL cache");
                    folder.checkLibraries("DJL cache");
                    return new LibtorchChoice(Optional.of(folder), CACHE_ORIGIN);
                } catch (IllegalArgumentException e) {
                    // A broken or incomplete fetch must not stop the program: the bundled CPU build still works.
                    return bundled().passedOver("passed over the CUDA build in DJL's cache: " + e.getMessage()
                            + "; using the bundled CPU build (run gpu-setup again to fetch it anew)");
                }
            }
        }
        return bundled();
    }

    /**
     * Beside a cached build that failed to load after part of it was loaded (when this process could no longer switch
     * to the bundled build): the reason, so that the next start passes it over. gpu-setup removes it.
     */
    public static Path failureMark(Path cachedLib) {
        return cachedLib.resolveSibling(cachedLib.getFileName() + ".failed-to-load");
    }

    private static String firstLine(Path file) {
        try (java.io.BufferedReader in = Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            char[] text = new char[2000];
            int n = Math.max(0, in.read(text));
            String line = new String(text, 0, n).lines().findFirst().orElse("").strip();
            return line.isEmpty() ? "it failed to load at an earlier start" : "it failed to load at an earlier start (" + line + ")";
        } catch (java.io.IOException | RuntimeException e) {
            return "it failed to load at an earlier start";
        }
    }

    /** Whether nobody chose this libtorch by hand, so that one failing to load may give way to the bundled build. */
    public boolean automatic() {
        return origin.equals(CACHE_ORIGIN);
    }

    /** The bundled CPU build in place of this choice, with the one line that says why. */
    public LibtorchChoice passedOver(String why) {
        return new LibtorchChoice(Optional.empty(), bundled().origin(), why);
    }

    private static LibtorchChoice named(Path folder, String source) {
        return new LibtorchChoice(Optional.of(LibtorchFolder.check(folder, source)), source);
    }

    /** The system properties DJL reads before loading libtorch; empty for the bundled build. */
    public Map<String, String> djlProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        folder.ifPresent(f -> {
            properties.put("PYTORCH_LIBRARY_PATH", f.lib().toString());
            properties.put("PYTORCH_VERSION", f.version());
            properties.put("PYTORCH_FLAVOR", f.flavor());
        });
        return properties;
    }

    /** "cpu" or "cu128": the flavour DJL will load. */
    public String flavor() {
        return folder.map(LibtorchFolder::flavor).orElse("cpu");
    }
}
