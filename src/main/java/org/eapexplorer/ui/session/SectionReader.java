package org.eapexplorer.ui.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import org.eapexplorer.model.GraphIndex;

/**
 * Typed reads from one session file's JSON, each naming the file and the key's path ({@code acdc[0].circuits[1].tau})
 * when the value is missing or of the wrong kind, and edges by their names in the session's graph.
 */
final class SectionReader {

    /**
     * Each circuit a session lists costs a set over the graph's edges, and each ACDC circuit with removal effects a float
     * per edge: these bounds keep a short hostile file from asking for gigabytes, far above a few sweeps of tens of τ.
     */
    static final int MAX_CIRCUITS = 4096;
    static final int MAX_EFFECT_TABLES = 256;

    private final Path file;
    private final GraphIndex graph;
    private int effectTables;
    private int circuits;

    SectionReader(Path file, GraphIndex graph) {
        this.file = file;
        this.graph = graph;
    }

    /** The session's graph; null while the header is read, before the graph is known. */
    GraphIndex graph() {
        return graph;
    }

    IOException error(String where, String problem) {
        return new IOException(file + ": \"" + where + "\" " + problem);
    }

    JsonElement get(JsonObject o, String key, String where) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw error(where, "is missing");
        }
        return e;
    }

    JsonObject object(JsonElement e, String where) throws IOException {
        if (!e.isJsonObject()) {
            throw error(where, "must be an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    JsonObject object(JsonObject o, String key, String where) throws IOException {
        return object(get(o, key, where), where);
    }

    JsonArray array(JsonElement e, String where) throws IOException {
        if (!e.isJsonArray()) {
            throw error(where, "must be a list, got " + e);
        }
        return e.getAsJsonArray();
    }

    JsonArray array(JsonObject o, String key, String where) throws IOException {
        return array(get(o, key, where), where);
    }

    String text(JsonElement e, String where) throws IOException {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw error(where, "must be a string, got " + e);
        }
        return e.getAsString();
    }

    String text(JsonObject o, String key, String where) throws IOException {
        return text(get(o, key, where), where);
    }

    /** A finite number: a session never holds NaN or an infinity (nor a number beyond a double's range). */
    double number(JsonElement e, String where) throws IOException {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (!Double.isFinite(d)) {
                throw error(where, "is " + e + ", beyond the range of a number");
            }
            return d;
        }
        throw error(where, "must be a number, got " + e);
    }

    boolean flag(JsonElement e, String where) throws IOException {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        throw error(where, "must be true or false, got " + e);
    }

    double number(JsonObject o, String key, String where) throws IOException {
        return number(get(o, key, where), where);
    }

    float floatNumber(JsonElement e, String where) throws IOException {
        number(e, where);
        float f = e.getAsFloat();
        if (!Float.isFinite(f)) {
            throw error(where, "is " + e + ", beyond the range of a float");
        }
        return f;
    }

    int integer(JsonElement e, String where) throws IOException {
        double d = number(e, where);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw error(where, "must be a whole number, got " + e);
        }
        return (int) d;
    }

    int integer(JsonObject o, String key, String where) throws IOException {
        return integer(get(o, key, where), where);
    }

    double[] numbers(JsonObject o, String key, String where) throws IOException {
        JsonArray a = array(o, key, where);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(a.get(i), where + "[" + i + "]");
        }
        return out;
    }

    int[] integers(JsonObject o, String key, String where) throws IOException {
        JsonArray a = array(o, key, where);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(a.get(i), where + "[" + i + "]");
        }
        return out;
    }

    /** The index of the edge named {@code name} ({@code a0.h1->a1.h2<k>}) in the session's graph. */
    int edge(String name, String where) throws IOException {
        return graph.edgeIndex(name).orElseThrow(() -> error(where, "names edge " + name + ", which is not in the graph ("
                + graph.describe() + ")"));
    }

    int edge(JsonElement e, String where) throws IOException {
        return edge(text(e, where), where);
    }

    /** A list of edge names as a bit set over the graph's edges. */
    BitSet edges(JsonObject o, String key, String where) throws IOException {
        BitSet out = new BitSet(graph.edgeCount());
        for (JsonElement e : array(o, key, where)) {
            out.set(edge(e, where));
        }
        return out;
    }

    /** Counts one more per-edge table, refusing more than {@link #MAX_EFFECT_TABLES} in one session. */
    void countEffectTable(String where) throws IOException {
        if (++effectTables > MAX_EFFECT_TABLES) {
            throw error(where, "is one table of edge effects too many: a session holds at most " + MAX_EFFECT_TABLES);
        }
    }

    /** Counts one more circuit (an ACDC τ, a hybrid cell), refusing more than {@link #MAX_CIRCUITS} in one session. */
    void countCircuit(String where) throws IOException {
        if (++circuits > MAX_CIRCUITS) {
            throw error(where, "is one circuit too many: a session holds at most " + MAX_CIRCUITS);
        }
    }

    /** A list that must be as long as another of the same section. */
    void sameLength(int expected, int found, String where) throws IOException {
        if (expected != found) {
            throw error(where, "must have " + expected + " entries, found " + found);
        }
    }
}
