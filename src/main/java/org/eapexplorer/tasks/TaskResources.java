package org.eapexplorer.tasks;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.io.StrictJson;

/**
 * The task word lists bundled in the jar, next to this class (copied verbatim from the project's shared
 * task data; their {@code source} fields give the upstream file and commit).
 */
final class TaskResources {

    static final String IOI_LISTS = "ioi_acdc_lists.json";
    static final String IOI_ACDC_PROMPTS = "ioi_prompts_acdc_200.json";
    static final String GREATER_THAN_NOUNS = "greaterthan_acdc_nouns.json";

    private TaskResources() {
    }

    static JsonObject read(String name) throws IOException {
        try (InputStream in = TaskResources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("bundled task data " + name + " is missing from the class path");
            }
            JsonElement root = StrictJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled task data " + name, false);
            if (!root.isJsonObject()) {
                throw new IOException("bundled task data " + name + ": expected a JSON object");
            }
            return root.getAsJsonObject();
        }
    }

    static List<String> strings(JsonObject o, String key, String source) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new IOException(source + ": \"" + key + "\" must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonElement item : (JsonArray) e) {
            if (!item.isJsonPrimitive() || !item.getAsJsonPrimitive().isString()) {
                throw new IOException(source + ": \"" + key + "\" must be a list of strings, found " + item);
            }
            out.add(item.getAsString());
        }
        return List.copyOf(out);
    }
}
