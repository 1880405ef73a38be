package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a JSON file whose top level must be an object, with errors that name the file and the kind of file expected. */
public final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * @param kind     what the file should be, for messages ("score file", "session file")
     * @param expected what its object should hold, for the message when the top level is not an object
     */
    public static JsonObject readObject(Path file, String kind, String expected) throws IOException {
        try {
            JsonElement element = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!element.isJsonObject()) {
                throw new IOException(file + ": not a " + kind + " (expected a JSON object " + expected + ")");
            }
            return element.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such " + kind);
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
