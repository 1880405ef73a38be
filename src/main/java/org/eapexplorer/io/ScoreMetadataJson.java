package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** A score file's {@code metadata} block ({@link ScoreMetadata}), written and read back: one place for its keys. */
public final class ScoreMetadataJson {

    private ScoreMetadataJson() {
    }

    /**
     * The {@code metadata} member (EAP-IG ignores it): method, steps when stated, metric, level, the prompt file and model
     * by name and SHA-256 (null where unknown; a model's config.json and tokenizer files too), program and version.
     */
    public static JsonObject toJson(String metric, ScoreMetadata metadata) {
        JsonObject m = new JsonObject();
        m.addProperty("method", metadata.method());
        if (metadata.steps() > 0) {
            m.addProperty("steps", metadata.steps());
        }
        m.addProperty("metric", metric);
        m.addProperty("level", metadata.level());
        m.add("prompts", identity("file", metadata.prompts()));
        m.add("model", identity("name", metadata.model()));
        m.addProperty("program", "EAP Explorer");
        m.addProperty("program_version", metadata.programVersion());
        return m;
    }

    private static JsonObject identity(String nameKey, FileIdentity file) {
        if (file == null) {
            return null;
        }
        JsonObject o = new JsonObject();
        o.addProperty(nameKey, file.name());
        o.addProperty("sha256", file.sha256());
        // A model's config.json and tokenizer, beside "sha256" (its weights, as in older files): they change its numbers too.
        if (file.configSha256() != null) {
            o.addProperty("config_sha256", file.configSha256());
        }
        if (file.tokenizerSha256() != null) {
            o.addProperty("tokenizer_sha256", file.tokenizerSha256());
        }
        return o;
    }

    /**
     * What a score file says it is: its {@code metadata} block with {@code cfg.d_model} (0 where absent), so that what is
     * made from the file (a circuit's JSON) can say the same. Empty for a file without the block (EAP-IG's own).
     */
    public static Optional<ScoreMetadata> read(Path file) throws IOException {
        return of(file, CompactScores.rootOf(file, "score file", "with an \"edges\" member"));
    }

    /** As {@link #read}, from the file's object already read ({@link ScoreJson#open}). */
    public static Optional<ScoreMetadata> of(Path file, JsonObject root) throws IOException {
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
