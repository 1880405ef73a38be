package org.eapexplorer.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * JSON has no NaN or infinity: Gson writes them as bare words that strict parsers reject, and a NaN metric in an output
 * is a failed computation dressed as a result. Every JSON file this program writes passes {@link #requireFinite}
 * first, which refuses the whole file, naming the first non-finite number, before anything is written: the output
 * already on disk stays as it was.
 */
public final class FiniteJson {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

    private FiniteJson() {
    }

    /** @throws IOException naming {@code file} and where in it the first NaN or infinity would go ({@code points[3].metric}) */
    public static void requireFinite(Path file, JsonElement root) throws IOException {
        String where = firstNonFinite(root, "");
        if (where != null) {
            throw new IOException(file + ": refusing to write " + where + " into a JSON file (JSON has no NaN or "
                    + "infinity; the computation gave a non-finite number)");
        }
    }

    /** Checks {@code root} and writes it as indented JSON, atomically; a null member is written as null, not left out. */
    public static void writePretty(Path file, JsonElement root) throws IOException {
        requireFinite(file, root);
        AtomicFiles.writeText(file, w -> w.write(PRETTY.toJson(root) + "\n"));
    }

    /**
     * For a value that may be unknown rather than failed (a score file without metrics, as EAP-IG writes them): NaN
     * becomes JSON null, which the readers take back as NaN; an infinity stays, for {@link #requireFinite} to refuse.
     */
    public static Double unknownAsNull(double value) {
        return Double.isNaN(value) ? null : value;
    }

    /** {@code "key" = NaN}, or null when every number is finite. */
    private static String firstNonFinite(JsonElement e, String path) {
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber() && !Double.isFinite(p.getAsDouble())) {
                return (path.isEmpty() ? "a value" : "\"" + path + "\"") + " = " + p.getAsDouble();
            }
            return null;
        }
        if (e.isJsonArray()) {
            for (int i = 0; i < e.getAsJsonArray().size(); i++) {
                String found = firstNonFinite(e.getAsJsonArray().get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        if (e.isJsonObject()) {
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                String found = firstNonFinite(m.getValue(), path.isEmpty() ? m.getKey() : path + "." + m.getKey());
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
