package org.eapexplorer.ui.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Says in words why a file did not open as a session, for the window: a file of another kind (a score or circuit
 * file), a file cut off part-way, or JSON that is not valid, rather than the reader's {@code missing "format"} or a
 * parser's {@code java.io.EOFException}. Looks at the file again only once reading it as a session has failed.
 */
final class SessionFileProblem {

    private SessionFileProblem() {
    }

    /** The reader's failure {@code error} on {@code file}, explained; runs on the file worker (it reads the file). */
    static IOException explain(Path file, Exception error) {
        if (!Files.isRegularFile(file)) {
            return error instanceof IOException io ? io : new IOException(error.getMessage(), error);
        }
        String name = file.getFileName().toString();
        JsonElement root;
        long size;
        try {
            size = Files.size(file);
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            if (endsEarly(e)) {
                return new IOException(name + " is cut off: it ends before the session it holds is complete. The file is "
                        + "truncated; was it still being written, or copied only in part? Open a complete copy, or save "
                        + "the session again.", error);
            }
            return new IOException(name + " is not a session: it is not valid JSON (" + plain(e.getMessage()) + ").", error);
        } catch (IOException | RuntimeException e) {
            return new IOException(name + ": " + plain(error.getMessage()), error);
        }
        if (size == 0 || root.isJsonNull()) {
            return new IOException(name + " is empty: there is no session in it.", error);
        }
        if (!root.isJsonObject()) {
            return new IOException(name + " is not a session: a session is a JSON object, this file holds a JSON "
                    + (root.isJsonArray() ? "list" : "value") + ".", error);
        }
        JsonObject o = root.getAsJsonObject();
        if (!o.has("format")) {
            if (o.has("circuit") && o.has("edges")) {
                return new IOException(name + " is a circuit file (as render writes), not a session. File ▸ Open scores… "
                        + "shows the scores it holds; sessions come from File ▸ Save session….", error);
            }
            if (o.has("edges")) {
                return new IOException(name + " is a score file (as the score command writes), not a session. Open it "
                        + "with File ▸ Open scores…; sessions come from File ▸ Save session….", error);
            }
            return new IOException(name + " is not an EAP Explorer session: it has no \"format\": \"" + SessionJson.FORMAT
                    + "\". Sessions come from File ▸ Save session….", error);
        }
        return new IOException(name + ": " + plain(error.getMessage()), error);
    }

    private static boolean endsEarly(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException || String.valueOf(t.getMessage()).contains("End of input")) {
                return true;
            }
        }
        return false;
    }

    /** A message without the parser's class names and advice meant for programmers. */
    static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        String text = message.replaceAll("(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error):\\s*", "");
        int advice = text.indexOf("\nSee https://");
        if (advice >= 0) {
            text = text.substring(0, advice);
        }
        return text.replaceAll("\\s*Use JsonReader\\.setStrictness[^.]*\\.", "").replaceAll("\\s+", " ").strip();
    }
}
