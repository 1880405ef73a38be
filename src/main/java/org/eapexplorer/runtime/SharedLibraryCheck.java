package org.eapexplorer.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Whether a file can be what DJL will hand to {@code System.load}: an ELF shared object of this machine's kind,
 * read from its first 20 bytes. It catches what a download can leave (an error page, random or truncated bytes, a
 * gzip not unpacked); a library whose code is damaged past the header is only found by the loader.
 */
public final class SharedLibraryCheck {

    private static final int ET_DYN = 3;

    private SharedLibraryCheck() {
    }

    /** The ELF machine number of this JVM's architecture, or -1 where it is not checked. */
    private static int machine() {
        return switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> 62;
            case "aarch64", "arm64" -> 183;
            default -> -1;
        };
    }

    /** Null when {@code file} is a 64-bit little-endian ELF shared object for this machine, else what it is instead. */
    public static String problem(Path file) {
        byte[] h = new byte[20];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(h, 0, h.length);
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        if (n < h.length || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F') {
            return "not an ELF shared object (" + (n == 0 ? "empty" : "starts with " + HexFormat.ofDelimiter(" ").formatHex(h, 0, Math.min(n, 8)))
                    + ")";
        }
        int type = (h[16] & 0xff) | (h[17] & 0xff) << 8;
        int arch = (h[18] & 0xff) | (h[19] & 0xff) << 8;
        if (h[4] != 2 || h[5] != 1 || type != ET_DYN) {
            return "not an ELF shared object for 64-bit little-endian (class " + h[4] + ", data " + h[5] + ", type " + type + ")";
        }
        int expected = machine();
        if (expected >= 0 && arch != expected) {
            return "an ELF shared object for machine " + arch + ", not this " + System.getProperty("os.arch") + " (" + expected + ")";
        }
        return null;
    }
}
