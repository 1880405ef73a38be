package org.eapexplorer.io;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * On-disk results of exact patching, so that a second or interrupted sweep continues where the last one
 * stopped. One JSON Lines file per (model, prompt file, metric), named by a hash of the model's weights
 * file (path, size, modification time), the prompt file's contents and the metric; one line per edge and λ.
 * A line is appended and flushed as soon as its receiver is done, so a killed sweep loses at most one receiver.
 */
public final class PatchCache implements AutoCloseable {

    private final Path file;
    private final Map<String, Double> effects = new HashMap<>();
    private final BufferedWriter out;

    private PatchCache(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        if (Files.exists(file)) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                try {
                    JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                    effects.put(key(json.get("edge").getAsString(), json.get("lambda").getAsDouble()), json.get("effect").getAsDouble());
                } catch (JsonParseException | IllegalStateException | NullPointerException | UnsupportedOperationException e) {
                    // A line cut off by a kill: the edge is simply computed again.
                }
            }
        }
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The default cache directory: $XDG_CACHE_HOME/eap-explorer/patching or ~/.cache/eap-explorer/patching. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("eap-explorer").resolve("patching");
    }

    public static PatchCache open(Path directory, Path modelWeights, Path promptFile, String metric) throws IOException {
        return new PatchCache(directory.resolve(identity(modelWeights, promptFile, metric) + ".jsonl"));
    }

    static String identity(Path modelWeights, Path promptFile, String metric) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            Path weights = modelWeights.toAbsolutePath().normalize();
            sha.update((weights + "\n" + Files.size(weights) + "\n" + Files.getLastModifiedTime(weights).toMillis() + "\n" + metric + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            try (InputStream in = new DigestInputStream(Files.newInputStream(promptFile), sha)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Path file() {
        return file;
    }

    /** The cached effect, or null. */
    public Double get(String edge, double lambda) {
        return effects.get(key(edge, lambda));
    }

    public int size() {
        return effects.size();
    }

    public void put(String edge, double lambda, double effect) throws IOException {
        if (!Double.isFinite(effect) || !Double.isFinite(lambda)) {
            return;  // JSON has no NaN: a failed result is not kept, so a later run computes it again
        }
        effects.put(key(edge, lambda), effect);
        JsonObject json = new JsonObject();
        json.addProperty("edge", edge);
        json.addProperty("lambda", lambda);
        json.addProperty("effect", effect);
        out.write(json.toString());
        out.newLine();
    }

    public void flush() throws IOException {
        out.flush();
    }

    private static String key(String edge, double lambda) {
        return edge + "@" + lambda;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
