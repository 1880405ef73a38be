package org.eapexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A file named and fingerprinted, so a result says which prompts or weights it came from even after the file moved.
 *
 * @param name   what to call it (a prompt file's name, a model folder's name)
 * @param sha256 the SHA-256 of its bytes, lower-case hex
 */
public record FileIdentity(String name, String sha256) {

    private static final int BUFFER = 1 << 20;

    /** Reads {@code file} once, streaming: a 500 MB weights file never sits in memory. */
    public static FileIdentity of(String name, Path file) throws IOException {
        return new FileIdentity(name, sha256(file));
    }

    public static String sha256(Path file) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    sha.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
