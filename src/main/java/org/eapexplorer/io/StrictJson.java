package org.eapexplorer.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/**
 * The JSON parser for every file and line a user hands the program ({@link JsonFiles} reads files with it), as RFC 8259 has JSON and nothing more: keys in
 * double quotes, no single quotes, comments, trailing commas, bare {@code NaN} or {@code Infinity}, and no key twice
 * in one object (Gson's own parser accepts all of these, and with a duplicate key the last one silently wins, so a
 * score file could list an edge twice). A fault is one {@link JsonFormatException} in plain words with its line and
 * column, never a library's message.
 *
 * <p>The result is Gson's tree, so readers keep their typed accessors. Numbers keep their text: {@code getAsFloat}
 * and {@code getAsDouble} parse it directly (a float written by {@link Float#toString} reads back identical), and
 * {@code getAsInt}/{@code getAsLong} saturate instead of expanding a number like {@code 1e99999} digit by digit.
 * Nesting deeper than {@value #MAX_DEPTH} is refused, so no input can overflow the stack.
 */
public final class StrictJson {

    static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int line = 1;
    private int lineStart;

    private StrictJson(String text) {
        this.text = text;
    }

    /**
     * @param source names the text in messages: a file, or {@code file:12} for one line of a JSON Lines file
     * @throws JsonFormatException naming the source, the line and column (the column alone for one-line text) and the fault
     */
    public static JsonElement parse(String text, String source, boolean oneLine) throws JsonFormatException {
        StrictJson p = new StrictJson(text);
        boolean started = false;
        try {
            boolean bom = p.skipBom();
            p.skipSpace();
            if (p.pos >= text.length()) {
                throw p.fault(bom ? "no JSON value (the text starts with a UTF-8 byte-order mark and nothing but space follows it)"
                        : "no JSON value (the text is empty)");
            }
            started = true;
            JsonElement value = p.value(0, "the top level");
            p.skipSpace();
            if (p.pos < text.length()) {
                throw p.fault("more text after the JSON value: " + p.found());
            }
            return value;
        } catch (Fault f) {
            // A value begun but not finished when the text ran out: a file cut off, not one written wrongly.
            boolean endsEarly = started && p.pos >= text.length();
            throw new JsonFormatException(source, oneLine, f.getMessage(), f.line, f.column, endsEarly);
        }
    }

    // ---------------------------------------------------------------------------------------------

    private JsonElement value(int depth, String context) throws Fault {
        if (depth > MAX_DEPTH) {
            throw fault("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (pos >= text.length()) {
            throw fault("the text ends where " + context + " needs a value");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth, context);
            case '[':
                return array(depth);
            case '"':
                return new JsonPrimitive(string());
            case 't':
                return keyword("true", new JsonPrimitive(true));
            case 'f':
                return keyword("false", new JsonPrimitive(false));
            case 'n':
                return keyword("null", JsonNull.INSTANCE);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw fault(unexpectedValue());
        }
    }

    /** @param context what holds the object, for messages: "the top level", "the key \"w\"", "the list" */
    private JsonObject object(int depth, String context) throws Fault {
        int openLine = line;
        pos++;  // {
        JsonObject o = new JsonObject();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return o;
        }
        while (true) {
            skipSpace();
            if (pos >= text.length()) {
                throw fault("the text ends inside the object opened on line " + openLine + " (a '}' is missing)");
            }
            char c = text.charAt(pos);
            if (c == '}') {
                throw fault("a comma before '}' (JSON allows no trailing comma)");
            }
            if (c != '"') {
                throw fault("expected a key in double quotes, found " + found()
                        + (c == '\'' ? " (JSON strings take double quotes)" : ""));
            }
            int keyLine = line;
            int keyColumn = column();
            String key = string();
            skipSpace();
            if (peek() != ':') {
                throw fault(pos >= text.length() ? "the text ends after the key \"" + abbreviate(key) + "\""
                        : "expected ':' after the key \"" + abbreviate(key) + "\", found " + found());
            }
            pos++;
            skipSpace();
            JsonElement value = value(depth + 1, "the key \"" + abbreviate(key) + "\"");
            if (o.has(key)) {
                throw new Fault("the key \"" + abbreviate(key) + "\" appears twice in "
                        + (context.equals("the top level") ? "the top-level object" : context.startsWith("the key ") ? "the object of " + context.substring(8)
                        : "an object in " + context) + " (a JSON object names each key once)", keyLine, keyColumn);
            }
            o.add(key, value);
            skipSpace();
            if (pos >= text.length()) {
                throw fault("the text ends inside the object opened on line " + openLine + " (a '}' is missing)");
            }
            c = text.charAt(pos);
            if (c == '}') {
                pos++;
                return o;
            }
            if (c != ',') {
                throw fault("expected ',' or '}' after the value of \"" + abbreviate(key) + "\", found " + found());
            }
            pos++;
        }
    }

    private JsonArray array(int depth) throws Fault {
        int openLine = line;
        pos++;  // [
        JsonArray a = new JsonArray();
        skipSpace();
        if (peek() == ']') {
            pos++;
            return a;
        }
        while (true) {
            skipSpace();
            if (peek() == ']') {
                throw fault("a comma before ']' (JSON allows no trailing comma)");
            }
            if (pos >= text.length()) {
                throw fault("the text ends inside the list opened on line " + openLine + " (a ']' is missing)");
            }
            a.add(value(depth + 1, "the list"));
            skipSpace();
            if (pos >= text.length()) {
                throw fault("the text ends inside the list opened on line " + openLine + " (a ']' is missing)");
            }
            char c = text.charAt(pos);
            if (c == ']') {
                pos++;
                return a;
            }
            if (c != ',') {
                throw fault("expected ',' or ']' in a list, found " + found());
            }
            pos++;
        }
    }

    private String string() throws Fault {
        int startLine = line;
        int startColumn = column();
        pos++;  // opening quote
        StringBuilder b = null;
        int run = pos;
        while (true) {
            if (pos >= text.length()) {
                throw new Fault("the string that starts here is never closed (a '\"' is missing)", startLine, startColumn);
            }
            char c = text.charAt(pos);
            if (c == '"') {
                String s = b == null ? text.substring(run, pos) : b.append(text, run, pos).toString();
                pos++;
                return s;
            }
            if (c < 0x20) {
                throw fault(c == '\n' || c == '\r' ? "a line break inside a string (write it as \\n)"
                        : "a control character (U+" + String.format("%04X", (int) c) + ") inside a string (write it as \\u"
                        + String.format("%04x", (int) c) + ")");
            }
            if (c != '\\') {
                pos++;
                continue;
            }
            if (b == null) {
                b = new StringBuilder();
            }
            b.append(text, run, pos);
            if (pos + 1 >= text.length()) {
                throw new Fault("the string that starts here is never closed (a '\"' is missing)", startLine, startColumn);
            }
            char e = text.charAt(pos + 1);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (pos + 6 > text.length()) {
                        throw fault("\\u must be followed by four hex digits");
                    }
                    int code = 0;
                    for (int i = pos + 2; i < pos + 6; i++) {
                        int digit = Character.digit(text.charAt(i), 16);
                        if (digit < 0) {
                            throw fault("\\u must be followed by four hex digits, found \"" + text.substring(pos, pos + 6) + "\"");
                        }
                        code = code * 16 + digit;
                    }
                    b.append((char) code);
                    pos += 4;
                }
                default -> throw fault("\\" + e + " is not an escape JSON knows (\\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, \\uXXXX)");
            }
            pos += 2;
            run = pos;
        }
    }

    private JsonPrimitive number() throws Fault {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (startsWithWord("Infinity")) {
            throw fault("-Infinity is not a number JSON allows (only finite numbers are)");
        }
        if (peek() == '0') {
            pos++;
            if (isDigit(peek())) {
                throw fault("a number must not start with 0 followed by digits: " + numberText(start));
            }
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw fault("not a number: " + numberText(start));
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) {
                throw fault("a digit must follow the decimal point: " + numberText(start));
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!isDigit(peek())) {
                throw fault("a digit must follow the exponent: " + numberText(start));
            }
            while (isDigit(peek())) {
                pos++;
            }
        }
        return new JsonPrimitive(new NumberText(text.substring(start, pos)));
    }

    private JsonElement keyword(String word, JsonElement value) throws Fault {
        if (!text.startsWith(word, pos) || isWordChar(pos + word.length())) {
            throw fault(unexpectedValue());
        }
        pos += word.length();
        return value;
    }

    private String unexpectedValue() {
        if (startsWithWord("NaN") || startsWithWord("Infinity")) {
            return (startsWithWord("NaN") ? "NaN" : "Infinity") + " is not a number JSON allows (only finite numbers are)";
        }
        char c = text.charAt(pos);
        if (c == '\'') {
            return "expected a value, found " + found() + " (JSON strings take double quotes)";
        }
        if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
            return "JSON has no comments, found " + found();
        }
        if (c == ',' || c == '}' || c == ']') {
            return "expected a value, found '" + c + "'";
        }
        return "expected a value (a string in double quotes, a number, true, false, null, an object or a list), found " + found();
    }

    /** RFC 8259 lets a parser ignore a byte-order mark in front of the text; it changes no value. */
    private boolean skipBom() {
        if (pos < text.length() && text.charAt(pos) == '\uFEFF') {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() throws Fault {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                if (c == '/' && pos + 1 < text.length() && (text.charAt(pos + 1) == '/' || text.charAt(pos + 1) == '*')) {
                    throw fault("JSON has no comments, found " + found());
                }
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private boolean startsWithWord(String word) {
        return text.startsWith(word, pos);
    }

    private boolean isWordChar(int i) {
        return i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private String numberText(int start) {
        int end = start;
        while (end < text.length() && end - start < 40 && "+-.eE0123456789".indexOf(text.charAt(end)) >= 0) {
            end++;
        }
        if (end < text.length() && end - start < 40 && isWordChar(end)) {
            end++;
        }
        return "'" + text.substring(start, Math.max(end, Math.min(start + 1, text.length()))) + "'";
    }

    /** The token at the current position, quoted and cut short, for "found …". */
    private String found() {
        if (pos >= text.length()) {
            return "the end of the text";
        }
        if (text.charAt(pos) == '\uFEFF') {
            return "a byte-order mark (U+FEFF), which may only start the text";  // invisible when quoted
        }
        int end = pos;
        while (end < text.length() && end - pos < 24 && " \t\r\n,:{}[]".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        if (end == pos) {
            end = pos + 1;
        }
        String token = text.substring(pos, end);
        return "'" + (end < text.length() && end - pos >= 24 ? token + "…" : token) + "'";
    }

    private int column() {
        return pos - lineStart + 1;
    }

    private Fault fault(String message) {
        return new Fault(message, line, column());
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    /** A fault at a position; turned into a {@link JsonFormatException} with the source's name by {@link #parse}. */
    private static final class Fault extends Exception {
        final int line;
        final int column;

        Fault(String message, int line, int column) {
            super(message, null, false, false);
            this.line = line;
            this.column = column;
        }
    }

    /**
     * A number as written in the file. Gson's own lazily parsed number expands a huge exponent digit by digit when
     * asked for an int; this one parses the text as a double and saturates.
     */
    private static final class NumberText extends Number {
        private static final long serialVersionUID = 1L;
        private final String text;

        NumberText(String text) {
            this.text = text;
        }

        @Override
        public int intValue() {
            return (int) doubleValue();
        }

        @Override
        public long longValue() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                return (long) doubleValue();
            }
        }

        @Override
        public float floatValue() {
            return Float.parseFloat(text);
        }

        @Override
        public double doubleValue() {
            return Double.parseDouble(text);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
