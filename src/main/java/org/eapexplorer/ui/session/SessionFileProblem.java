package org.eapexplorer.ui.session;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.io.JsonFormatException;
import org.eapexplorer.io.StrictJson;

/**
 * Says in words why a file did not open as a session, for the window: a file of another kind (a score or circuit
 * file), a file cut off part-way, or JSON that is not valid, rather than the reader's {@code missing "format"} or a
 * parser's {@code java.io.EOFException}. Looks at the file again, with the readers' own strict parser, only once reading it as a session has failed.
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
        try {
            String text = JsonFiles.readUtf8(file);
            if (text.isBlank()) {
                return new IOException(name + " is empty: there is no session in it.", error);
            }
            root = StrictJson.parse(text, name, false);
        } catch (JsonFormatException e) {
            if (e.endsEarly()) {
                return new IOException(name + " is cut off: it ends before the session it holds is complete. The file is "
                        + "truncated; was it still being written, or copied only in part? Open a complete copy, or save "
                        + "the session again.", error);
            }
            return new IOException(name + " is not a session: it is not valid JSON (" + e.problem() + ", at "
                    + JsonFormatException.position(false, e.line(), e.column()) + ").", error);
        } catch (IOException | RuntimeException e) {
            return new IOException(name + ": " + plain(error.getMessage()), error);
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

    /** A message without Java class names ("java.io.EOFException: "), which mean nothing to a user. */
    static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        return message.replaceAll("(?:[a-z_][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error):\\s*", "")
                .replaceAll("\\s+", " ").strip();
    }
}
