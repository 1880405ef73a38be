package org.eapexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;

/**
 * The files of a Hugging Face model folder that the program reads, and so every file whose bytes change the numbers it
 * computes: {@code config.json}, the tokenizer files, the weights. The one list that what identifies a model (the
 * patching cache's key, a score file's {@code metadata.model}) and what reads the tokenizer agree on.
 */
public final class ModelFiles {

    public static final String CONFIG_JSON = "config.json";
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String VOCAB_JSON = "vocab.json";
    public static final String MERGES_TXT = "merges.txt";

    private ModelFiles() {
    }

    public static Path config(Path modelDir) {
        return modelDir.resolve(CONFIG_JSON);
    }

    /**
     * Where {@code download} collects a model's files before moving them into {@code modelDir}: the hidden folder
     * {@code .NAME.eap-download/} beside it (same parent, so each move is a rename).
     */
    public static Path downloadStaging(Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null || dir.getFileName() == null) {
            throw new IllegalArgumentException(modelDir + ": not a folder a model can be downloaded into");
        }
        return parent.resolve("." + dir.getFileName() + ".eap-download");
    }

    /** The list of files a download writes before it moves them in one by one; present only while that move is unfinished. */
    public static Path downloadMoveJournal(Path modelDir) {
        return downloadStaging(modelDir).resolve("moving.txt");
    }

    /**
     * Refuses a folder that a download was moving files into when it was stopped: it may hold a new config.json beside
     * the old weights, a mixture no run may read. The next download into the folder finishes the move.
     */
    public static void checkNoUnfinishedDownload(Path modelDir) throws ModelFormatException {
        Path journal = downloadMoveJournal(modelDir);
        if (Files.exists(journal, LinkOption.NOFOLLOW_LINKS)) {
            throw new ModelFormatException(modelDir + ": a download into this folder was stopped while moving its files in ("
                    + journal + " lists them), so it may hold files of two versions; run the same download again to finish the move");
        }
    }

    /**
     * The tokenizer files the program reads, in the order it prefers them: {@code tokenizer.json} when it is a file, else
     * GPT-2's {@code vocab.json} and {@code merges.txt} when both are; empty otherwise (loading then says what is missing).
     * No other tokenizer file ({@code tokenizer_config.json}, {@code special_tokens_map.json}) is read: the BOS comes from
     * {@code tokenizer.json}'s post-processor or config.json.
     */
    public static List<Path> tokenizer(Path modelDir) {
        Path tokenizerJson = modelDir.resolve(TOKENIZER_JSON);
        if (Files.isRegularFile(tokenizerJson)) {
            return List.of(tokenizerJson);
        }
        Path vocab = modelDir.resolve(VOCAB_JSON);
        Path merges = modelDir.resolve(MERGES_TXT);
        return Files.isRegularFile(vocab) && Files.isRegularFile(merges) ? List.of(vocab, merges) : List.of();
    }

    /**
     * A fingerprint of everything in the folder that changes the numbers, for what is kept between runs (the patching
     * cache's key, the window's loaded model): config.json and the tokenizer files by their bytes (small), the weights
     * by path, size, modification time and file key (hashing gigabytes would cost every run seconds). Reads the
     * config and tokenizer, so not for the FX thread.
     *
     * @throws java.nio.file.NoSuchFileException when the folder has no weights
     */
    public static String fingerprint(Path modelDir) throws IOException {
        List<Path> weights = requireWeights(modelDir);
        MessageDigest sha = sha256();
        for (Path file : weights) {
            Path w = file.toAbsolutePath().normalize();
            BasicFileAttributes a = Files.readAttributes(w, BasicFileAttributes.class);
            text(sha, "weights " + w + "\n" + a.size() + "\n" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\n" + a.fileKey() + "\n");
        }
        Path config = config(modelDir);
        contents(sha, "config", Files.exists(config) ? List.of(config) : List.of());
        contents(sha, "tokenizer", tokenizer(modelDir));
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static void text(MessageDigest sha, String text) {
        sha.update(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Each file's name, length and bytes, so that no two lists of files run together into the same stream. */
    static void contents(MessageDigest sha, String what, List<Path> files) throws IOException {
        text(sha, what + " " + files.size() + "\n");
        for (Path file : files) {
            text(sha, file.getFileName() + "\n" + Files.size(file) + "\n");
            try (InputStream in = new DigestInputStream(RegularFiles.newInputStream(file), sha)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /** The weights: {@code model.safetensors}, or the index and its shards ({@link SafetensorsCheckpoint#weightFiles}). */
    public static List<Path> weights(Path modelDir) throws IOException {
        return SafetensorsCheckpoint.weightFiles(modelDir);
    }

    /**
     * {@link #weights}, never empty.
     *
     * @throws java.nio.file.NoSuchFileException when the folder has no weights
     */
    static List<Path> requireWeights(Path modelDir) throws IOException {
        List<Path> weights = weights(modelDir);
        if (weights.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(modelDir.resolve(SafetensorsCheckpoint.SINGLE_FILE) + " (nor "
                    + SafetensorsCheckpoint.INDEX_FILE + ")");
        }
        return weights;
    }
}
