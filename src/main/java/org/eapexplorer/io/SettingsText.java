package org.eapexplorer.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads one of the program's own small settings files (the window's size, recent models, palette, libtorch folder),
 * never more than {@link #MAX_BYTES}: a settings file that grew to 400 MB, or a FIFO or device put in its place, must
 * not keep the window from opening. Anything that is not a short UTF-8 text file is refused with one line naming the
 * file and why, which the window shows while it goes on with the defaults.
 */
public final class SettingsText {

    /** Far more than any settings file this program writes (the longest, ten model paths, is a few KiB). */
    public static final int MAX_BYTES = 64 * 1024;

    private SettingsText() {
    }

    /**
     * @return the file's text, or empty when there is no such file (the usual first start)
     * @throws IOException one line: the file, why it was not read, and that the defaults are used
     */
    public static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        if (Files.isDirectory(file)) {
            throw refused(file, "is a folder, not a settings file");
        }
        // Checked before opening: opening a FIFO blocks until something writes to it, and a device never ends.
        String problem = RegularFiles.problem(file);
        if (problem != null) {
            throw refused(file, "is " + problem);
        }
        long size;
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw refused(file, "cannot be read (" + (e instanceof java.nio.file.FileSystemException f ? FileErrors.describe(f) : e.getMessage()) + ")");
        }
        if (bytes.length > MAX_BYTES) {
            throw refused(file, "is " + Math.max(size, bytes.length) + " bytes, more than a settings file holds (at most " + MAX_BYTES + ")");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw refused(file, "is not UTF-8 text");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                throw refused(file, "holds binary data, not text");
            }
        }
        return Optional.of(text);
    }

    private static IOException refused(Path file, String why) {
        return new IOException(file + " " + why + "; the defaults are used");
    }
}
