package org.eapexplorer.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process has mapped any file of a folder, read from Linux's {@code /proc/self/maps}: a libtorch that
 * failed to load before any of its libraries was loaded can give way to another in the same process; one that failed
 * part-way cannot (a second copy of libc10 or libtorch_cpu aborts the process).
 */
final class LoadedLibraries {

    private LoadedLibraries() {
    }

    /** True when a file of {@code folder} is mapped, or when that cannot be told (then the safe answer). */
    static boolean anyFrom(Path folder) {
        String prefix;
        try {
            prefix = folder.toRealPath() + "/";
        } catch (IOException e) {
            prefix = folder.toAbsolutePath().normalize() + "/";
        }
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return true;
        }
        try (BufferedReader in = Files.newBufferedReader(maps, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(prefix)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
