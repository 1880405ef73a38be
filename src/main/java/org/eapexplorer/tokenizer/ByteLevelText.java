package org.eapexplorer.tokenizer;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import org.eapexplorer.io.JsonFiles;

/**
 * GPT-2's byte-level alphabet ({@code bytes_to_unicode} in OpenAI's {@code encoder.py}): each of the 256
 * byte values is written as one printable character, so vocabulary entries are strings. Printable
 * Latin-1 bytes stand for themselves; the other 68 bytes map to U+0100 onwards in byte order (space,
 * 0x20, is {@code Ġ} U+0120). Used here only to show tokens as text; encoding itself is done by the
 * tokenizers library.
 */
final class ByteLevelText {

    /** Character → byte value, or -1 for characters outside the alphabet. Indexed by char. */
    private static final int[] BYTE_OF_CHAR = new int[0x200];

    static {
        java.util.Arrays.fill(BYTE_OF_CHAR, -1);
        int next = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            int ch = printable ? b : 256 + next++;
            BYTE_OF_CHAR[ch] = b;
        }
    }

    private ByteLevelText() {
    }

    /** The bytes a byte-level vocabulary entry stands for, or null if it has characters outside the alphabet. */
    static byte[] toBytes(String entry) {
        byte[] out = new byte[entry.length()];
        for (int i = 0; i < entry.length(); i++) {
            char c = entry.charAt(i);
            int b = c < BYTE_OF_CHAR.length ? BYTE_OF_CHAR[c] : -1;
            if (b < 0) {
                return null;
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** The entry's text if its bytes are complete UTF-8, else null. */
    static String decodeStrict(String entry) {
        byte[] bytes = toBytes(entry);
        if (bytes == null) {
            return null;
        }
        try {
            return JsonFiles.decodeUtf8(bytes);
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The entry's text for display: incomplete UTF-8 shows as U+FFFD; outside the alphabet, the entry itself. */
    static String decodeLenient(String entry) {
        byte[] bytes = toBytes(entry);
        return bytes == null ? entry : new String(bytes, StandardCharsets.UTF_8);
    }
}
