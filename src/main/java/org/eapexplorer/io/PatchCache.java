package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.MetricKind;

/**
 * On-disk results of exact patching, so that a second or interrupted sweep continues where the last one
 * stopped. One JSON Lines file per (model, prompt file, metric), named by a hash of everything that changes the
 * numbers ({@link #key}: config.json, the tokenizer, the weights, the prompts, the metric); one line per edge and λ.
 * A line is appended and flushed as soon as its receiver is done, so a killed sweep loses at most one receiver.
 */
public final class PatchCache implements AutoCloseable {

    private final Path file;
    private final Map<String, Double> effects = new HashMap<>();
    private final BufferedWriter out;

    private PatchCache(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        boolean cutOff = false;
        if (Files.exists(file)) {
            String text = JsonFiles.readUtf8(file);
            cutOff = !text.isEmpty() && !text.endsWith("\n");
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    read(lines[i], i + 1);
                }
            }
        }
        // A full disk's "No space left on device" names no file: the cache's failures name it.
        this.out = new BufferedWriter(new java.io.OutputStreamWriter(FileErrors.naming(file,
                Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)), StandardCharsets.UTF_8));
        if (cutOff) {
            // The last line was cut off by a kill: the next one starts on a line of its own, not glued to it.
            out.newLine();
        }
    }

    /**
     * One line: a line that is not JSON was cut off by a kill (its edge is simply computed again), but a whole line with
     * a wrong or non-finite value means the file was changed by something else, and is refused.
     */
    private void read(String line, int number) throws IOException {
        JsonElement element;
        try {
            element = StrictJson.parse(line, file + ":" + number, true);
        } catch (JsonFormatException e) {
            return;
        }
        JsonObject json = element.isJsonObject() ? element.getAsJsonObject() : new JsonObject();
        JsonElement edge = json.get("edge");
        if (edge == null || !edge.isJsonPrimitive() || !edge.getAsJsonPrimitive().isString()) {
            throw corrupt(number, "expected {\"edge\": name, \"lambda\": λ, \"effect\": effect}, found " + abbreviate(line));
        }
        effects.put(key(edge.getAsString(), finite(json, "lambda", edge.getAsString(), number)),
                finite(json, "effect", edge.getAsString(), number));
    }

    private double finite(JsonObject json, String key, String edge, int number) throws IOException {
        JsonElement e = json.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber() || !Double.isFinite(e.getAsDouble())) {
            throw corrupt(number, "edge " + edge + ": \"" + key + "\" must be a finite number, found " + e);
        }
        return e.getAsDouble();
    }

    private IOException corrupt(int number, String problem) {
        return new IOException(file + ":" + number + ": " + problem + "; the patching cache is damaged (delete the file to recompute)");
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    /** The default cache directory: $XDG_CACHE_HOME/eap-explorer/patching or ~/.cache/eap-explorer/patching. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("eap-explorer").resolve("patching");
    }

    /**
     * The cache of a sweep over these inputs, keyed as every sweep keys it (patch-all and the window alike) on everything
     * that changes the numbers ({@link #key}). One key for both, so that a sweep started in one continues in the other.
     */
    public static PatchCache forInputs(Path directory, Path modelDir, Path promptFile, MetricKind metric) throws IOException {
        return new PatchCache(directory.resolve(key(modelDir, promptFile, metric.jsonName()) + ".jsonl"));
    }

    /**
     * What an effect (and a score) is computed from: the model folder's {@link ModelFiles#fingerprint} (config.json and the tokenizer
     * files by their bytes, the weights by path, size, modification time and file key), the prompt file's bytes, the
     * metric, and the program's version and {@link ProgramVersion#NUMERICS}, so that effects an older computation gave
     * are never served. Keys made before config.json and the tokenizer were part of it simply find no file: those
     * effects are computed again.
     */
    /**
     * The same key without the metric (the prompt file's bytes decide it), of a model folder whose
     * {@link ModelFiles#fingerprint} was taken before it was read: what a window result was computed from, so that
     * patching can check that it patches the model and prompts that gave the scores.
     */
    public static String inputsKey(String modelFingerprint, Path promptFile) throws IOException {
        return key(modelFingerprint, promptFile, "");
    }

    static String key(Path modelDir, Path promptFile, String metric) throws IOException {
        return key(ModelFiles.fingerprint(modelDir), promptFile, metric);
    }

    private static String key(String modelFingerprint, Path promptFile, String metric) throws IOException {
        MessageDigest sha = ModelFiles.sha256();
        ModelFiles.text(sha, "EAP Explorer patching cache\n" + ProgramVersion.VERSION + "\n" + ProgramVersion.NUMERICS + "\n" + metric
                + "\nmodel " + modelFingerprint + "\n");
        ModelFiles.contents(sha, "prompts", List.of(promptFile));
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
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
