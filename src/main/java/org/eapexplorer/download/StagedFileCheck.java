package org.eapexplorer.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.eapexplorer.io.JsonFiles;

/**
 * What a downloaded file must be before it may replace one in the user's folder, beyond its size and checksum (which
 * a server publishing none, or an error page, passes): a {@code .json} parses, a {@code .safetensors} has a whole
 * header. Other files (merges.txt, …) are taken as they come.
 */
final class StagedFileCheck {

    /** safetensors' own limit on the header (its reference implementation refuses larger ones). */
    private static final long MAX_HEADER = 100L << 20;

    private StagedFileCheck() {
    }

    static void check(URI from, Path file, String name) throws IOException {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            try {
                JsonFiles.read(file);
            } catch (IOException | RuntimeException e) {
                throw new DownloadException(from + ": what arrived as " + name + " is not JSON (" + oneLine(e) + "); nothing was moved in", e);
            }
        } else if (n.endsWith(".safetensors")) {
            long size = Files.size(file);
            byte[] head = new byte[9];
            int got;
            try (InputStream in = Files.newInputStream(file)) {
                got = in.readNBytes(head, 0, 9);
            }
            long headerLength = got < 8 ? -1 : ByteBuffer.wrap(head, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (got < 9 || headerLength < 2 || headerLength > MAX_HEADER || headerLength > size - 8 || head[8] != '{') {
                throw new DownloadException(from + ": what arrived as " + name + " (" + size + " bytes) is not a safetensors file "
                        + "(expected an 8-byte header length, then a JSON header within the file); nothing was moved in");
            }
        }
    }

    private static String oneLine(Exception e) {
        return String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
    }
}
