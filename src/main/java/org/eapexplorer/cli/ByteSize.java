package org.eapexplorer.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size as Hugging Face's {@code max_shard_size} takes it: bytes, or a number with KB/MB/GB (powers of 1000) or
 * KiB/MiB/GiB (powers of 1024), so "5GB" means what it means to {@code save_pretrained}.
 */
final class ByteSize {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([KMG]I?B|B)?");

    private ByteSize() {
    }

    static long parse(String option, String text) {
        Matcher m = SIZE.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " " + text + ": expected bytes or a size such as 500MB, 2GB, 512MiB");
        }
        String unit = m.group(2) == null ? "B" : m.group(2);
        double base = unit.contains("I") ? 1024 : 1000;
        int power = "BKMG".indexOf(unit.charAt(0));
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(base, power);
        if (bytes < 1) {
            throw new IllegalArgumentException(option + " " + text + ": must be at least 1 byte");
        }
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException(option + " " + text + ": too large (must be under 8 EiB, 2^63 bytes)");
        }
        return (long) bytes;
    }
}
