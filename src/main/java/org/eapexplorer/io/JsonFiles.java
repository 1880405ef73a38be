package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads JSON files strictly ({@link StrictJson}), with errors that name the file, the line and column, and the kind
 * of file expected: the one way the program reads a JSON file a user hands it.
 */
public final class JsonFiles {

    private JsonFiles() {
    }

    /** A whole file, which must be UTF-8 text holding one JSON value. */
    public static JsonElement read(Path file) throws IOException {
        return StrictJson.parse(readUtf8(file), file.toString(), false);
    }

    /**
     * A whole file whose top level must be an object.
     *
     * @param kind     what the file should be, for messages ("score file", "session file")
     * @param expected what its object should hold, for the message when the top level is not an object
     */
    public static JsonObject readObject(Path file, String kind, String expected) throws IOException {
        JsonElement element;
        try {
            element = read(file);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such " + kind);
        }
        if (!element.isJsonObject()) {
            throw new IOException(file + ": not a " + kind + " (expected a JSON object " + expected + ", found "
                    + kindOf(element) + ")");
        }
        return element.getAsJsonObject();
    }

    /** The file's text; bytes that are not UTF-8 are refused rather than turned into U+FFFD. */
    public static String readUtf8(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new IOException(file + ": is a directory, not a file");
        }
        byte[] bytes;
        try {
            // A FIFO would block the read until a writer came, a device (a link to /dev/zero) never end.
            RegularFiles.require(file);
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        } catch (AccessDeniedException e) {
            throw new IOException(file + ": cannot be read (permission denied)");
        } catch (OutOfMemoryError e) {
            throw new IOException(file + ": too large to read (" + Files.size(file) + " bytes)");
        }
        try {
            return decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text");
        }
    }

    /**
     * {@code text} without the UTF-8 byte-order mark it may start with (RFC 8259 lets a reader ignore one), for text
     * handed on to another reader: the tokenizers library and merges.txt's lines would take it for a character.
     */
    public static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Strict UTF-8: malformed bytes are refused rather than turned into U+FFFD. */
    public static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    /** "an object", "a list", "a string", … for messages about a value of the wrong kind. */
    public static String kindOf(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "a list";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        return p.isString() ? "a string" : p.isNumber() ? "a number" : "true or false";
    }

}
