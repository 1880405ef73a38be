package org.eapexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A file named and fingerprinted, so a result says which prompts or weights it came from even after the file moved.
 *
 * @param name            what to call it (a prompt file's name, a model folder's name)
 * @param sha256          the SHA-256 of its bytes, lower-case hex (a model's: of its weights, as {@link #ofAll})
 * @param configSha256    a model's only: the SHA-256 of its config.json; null for a file, or where a score file written
 *                        before it was recorded does not say
 * @param tokenizerSha256 a model's only: the SHA-256 of the tokenizer files it reads, one after the other
 *                        ({@link ModelFiles#tokenizer}); null as {@code configSha256}
 */
public record FileIdentity(String name, String sha256, String configSha256, String tokenizerSha256) {

    /** A file's identity (or a model's as files written before config.json and the tokenizer were recorded). */
    public FileIdentity(String name, String sha256) {
        this(name, sha256, null, null);
    }

    private static final int BUFFER = 1 << 20;

    /** Reads {@code file} once, streaming: a 500 MB weights file never sits in memory. */
    public static FileIdentity of(String name, Path file) throws IOException {
        return new FileIdentity(name, sha256(file));
    }

    /**
     * A model's weights: one file's SHA-256 as {@link #of}, or for a sharded model the SHA-256 of its files' bytes one
     * after the other (the index, then the shards in file-name order), so a changed shard changes the identity.
     */
    public static FileIdentity ofAll(String name, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to identify " + name + " by");
        }
        return new FileIdentity(name, sha256(files));
    }

    /**
     * A model folder: its weights ({@link #ofAll}) and, since they change the numbers as much as the weights do, its
     * config.json and tokenizer files. A file that is not there is hashed as no bytes (loading the model says what
     * is missing).
     */
    public static FileIdentity ofModel(String name, Path modelDir) throws IOException {
        List<Path> weights = ModelFiles.requireWeights(modelDir);
        Path config = ModelFiles.config(modelDir);
        return new FileIdentity(name, sha256(weights), sha256(Files.exists(config) ? List.of(config) : List.of()),
                sha256(ModelFiles.tokenizer(modelDir)));
    }

    public static String sha256(Path file) throws IOException {
        return sha256(List.of(file));
    }

    private static String sha256(List<Path> files) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[BUFFER];
            for (Path file : files) {
                try (InputStream in = RegularFiles.newInputStream(file)) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
