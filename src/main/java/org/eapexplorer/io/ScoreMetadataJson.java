package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A score file's {@code metadata} block read back ({@link ScoreMetadata}; {@link ScoreJson} writes it). */
public final class ScoreMetadataJson {

    private ScoreMetadataJson() {
    }

    /**
     * What a score file says it is: its {@code metadata} block with {@code cfg.d_model} (0 where absent), so that what is
     * made from the file (a circuit's JSON) can say the same. Empty for a file without the block (EAP-IG's own).
     */
    public static Optional<ScoreMetadata> read(Path file) throws IOException {
        JsonObject root = JsonFiles.readObject(file, "score file", "with an \"edges\" member");
        JsonElement m = root.get("metadata");
        if (m == null || m.isJsonNull()) {
            return Optional.empty();
        }
        if (!m.isJsonObject()) {
            throw new IOException(file + ": \"metadata\" must be an object, got " + JsonFiles.kindOf(m));
        }
        JsonObject meta = m.getAsJsonObject();
        int dModel = 0;
        JsonElement cfg = root.get("cfg");
        if (cfg != null && cfg.isJsonObject() && cfg.getAsJsonObject().has("d_model")) {
            dModel = ScoreJson.count(file, "cfg.d_model", cfg.getAsJsonObject().get("d_model"), 1);
        }
        int steps = steps(file, meta);
        return Optional.of(new ScoreMetadata(metaText(file, meta, "method", "unknown"), steps, metaText(file, meta, "level", "edge"),
                dModel, identityOf(file, meta, "prompts", "file"), identityOf(file, meta, "model", "name"),
                metaText(file, meta, "program_version", null)));
    }

    /** {@code metadata.steps}, a whole number of at least 1; 0 where absent. */
    static int steps(Path file, JsonObject meta) throws IOException {
        JsonElement steps = meta.get("steps");
        return steps == null || steps.isJsonNull() ? 0 : ScoreJson.count(file, "metadata.steps", steps, 1);
    }

    private static String metaText(Path file, JsonObject meta, String key, String absent) throws IOException {
        return metaText(file, meta, key, "metadata." + key, absent);
    }

    private static String metaText(Path file, JsonObject meta, String key, String where, String absent) throws IOException {
        JsonElement v = meta.get(key);
        if (v == null || v.isJsonNull()) {
            return absent;
        }
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new IOException(file + ": \"" + where + "\" must be a string, got " + JsonFiles.kindOf(v));
        }
        return v.getAsString();
    }

    private static FileIdentity identityOf(Path file, JsonObject meta, String key, String nameKey) throws IOException {
        JsonElement v = meta.get(key);
        if (v == null || v.isJsonNull()) {
            return null;
        }
        if (!v.isJsonObject()) {
            throw new IOException(file + ": \"metadata." + key + "\" must be an object with \"" + nameKey + "\" and \"sha256\", got "
                    + JsonFiles.kindOf(v));
        }
        JsonObject o = v.getAsJsonObject();
        // config_sha256 and tokenizer_sha256: a model's, absent from files written before they were recorded.
        return new FileIdentity(metaText(file, o, nameKey, "metadata." + key + "." + nameKey, null),
                metaText(file, o, "sha256", "metadata." + key + ".sha256", null),
                metaText(file, o, "config_sha256", "metadata." + key + ".config_sha256", null),
                metaText(file, o, "tokenizer_sha256", "metadata." + key + ".tokenizer_sha256", null));
    }
}
