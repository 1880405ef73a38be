package org.eapexplorer.ui.session;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Indented JSON that stays readable with long lists: an object or array of plain values goes on one line when it
 * fits, a longer array of plain values fills lines, and everything else is indented one entry per line. Names are
 * written as they are ({@code a0.h1->a1.h2<k>}, not HTML-escaped); numbers as Gson writes them, which read back to
 * the identical double or float (SessionJson refuses NaN and infinities before they get here).
 */
final class CompactJson {

    private static final Gson FLAT = new GsonBuilder().serializeSpecialFloatingPointValues().disableHtmlEscaping().create();
    private static final int WIDTH = 112;

    private CompactJson() {
    }

    static String format(JsonElement e) {
        StringBuilder b = new StringBuilder();
        write(b, e, "", 0);
        return b.toString();
    }

    /** Writes {@code e} at {@code column} of a line indented by {@code indent}. */
    private static void write(StringBuilder b, JsonElement e, String indent, int column) {
        if (flat(e)) {
            String line = line(e);
            if (column + line.length() <= WIDTH || e.isJsonPrimitive() || e.isJsonNull()) {
                b.append(line);
                return;
            }
            if (e.isJsonArray()) {
                fill(b, e.getAsJsonArray(), indent);
                return;
            }
        }
        String inner = indent + "  ";
        String separator = "\n";
        if (e.isJsonObject()) {
            b.append('{');
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                String key = FLAT.toJson(m.getKey()) + ": ";
                b.append(separator).append(inner).append(key);
                write(b, m.getValue(), inner, inner.length() + key.length());
                separator = ",\n";
            }
        } else {
            b.append('[');
            for (JsonElement x : e.getAsJsonArray()) {
                b.append(separator).append(inner);
                write(b, x, inner, inner.length());
                separator = ",\n";
            }
        }
        b.append(separator.equals("\n") ? "" : "\n" + indent).append(e.isJsonObject() ? '}' : ']');
    }

    /** A flat element on one line, with a space after each comma and colon. */
    private static String line(JsonElement e) {
        if (e.isJsonArray()) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            e.getAsJsonArray().forEach(x -> j.add(FLAT.toJson(x)));
            return j.toString();
        }
        if (e.isJsonObject()) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            e.getAsJsonObject().entrySet().forEach(m -> j.add(FLAT.toJson(m.getKey()) + ": " + FLAT.toJson(m.getValue())));
            return j.toString();
        }
        return FLAT.toJson(e);
    }

    /** A long array of plain values, as many to a line as fit. */
    private static void fill(StringBuilder b, JsonArray a, String indent) {
        String inner = indent + "  ";
        b.append("[\n").append(inner);
        int column = inner.length();
        for (int i = 0; i < a.size(); i++) {
            String value = FLAT.toJson(a.get(i));
            if (i > 0) {
                if (column + value.length() + 2 > WIDTH) {
                    b.append(",\n").append(inner);
                    column = inner.length();
                } else {
                    b.append(", ");
                    column += 2;
                }
            }
            b.append(value);
            column += value.length();
        }
        b.append('\n').append(indent).append(']');
    }

    /** A plain value, or an object or array holding only plain values. */
    private static boolean flat(JsonElement e) {
        if (e.isJsonPrimitive() || e.isJsonNull()) {
            return true;
        }
        Iterable<JsonElement> children = e.isJsonArray() ? e.getAsJsonArray() : e.getAsJsonObject().asMap().values();
        for (JsonElement c : children) {
            if (!c.isJsonPrimitive() && !c.isJsonNull()) {
                return false;
            }
        }
        return true;
    }
}
