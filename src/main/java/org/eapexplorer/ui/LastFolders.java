package org.eapexplorer.ui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The folder each kind of file was last opened from or saved to, so that a file dialog starts there rather than in
 * the working directory; kept across runs in a small file ("kind=folder" lines) beside the recent models. A folder
 * that no longer exists is not offered. A file that cannot be read or written costs only the remembering, never a
 * dialog: the reason is kept for Diagnostics-style messages ({@link #problem()}).
 */
public final class LastFolders {

    /** The kinds of file the window asks for. */
    public enum Kind { SESSION, SCORES, MODEL, PROMPTS, TRUTH, EXPORT }

    private final Path file;
    private final Map<Kind, Path> folders = new EnumMap<>(Kind.class);
    private String problem;

    /** @param file where the folders are kept; null keeps them for this run only */
    public LastFolders(Path file) {
        this.file = file;
        read();
    }

    /** The folder to start a dialog for {@code kind} in, if one is remembered and still there. */
    public Optional<File> initial(Kind kind) {
        Path dir = folders.get(kind);
        return dir != null && Files.isDirectory(dir) ? Optional.of(dir.toFile()) : Optional.empty();
    }

    /** Remembers the folder of {@code chosen} (a file's folder; for {@link Kind#MODEL}, the folder holding the model folder). */
    public void remember(Kind kind, Path chosen) {
        if (chosen == null) {
            return;
        }
        Path dir = chosen.toAbsolutePath().normalize().getParent();
        if (dir == null || dir.equals(folders.get(kind))) {
            return;
        }
        folders.put(kind, dir);
        write();
    }

    /** Why the folders could not be read or written, or null. */
    public String problem() {
        return problem;
    }

    private void read() {
        if (file == null || !Files.isRegularFile(file)) {
            return;
        }
        try {
            int n = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                int eq = line.indexOf('=');
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Kind kind = eq < 0 ? null : kindOf(line.substring(0, eq).trim());
                if (kind == null) {
                    problem = file + ": line " + n + " is not 'kind=folder' with a kind of " + java.util.Arrays.toString(Kind.values());
                    continue;
                }
                folders.put(kind, Path.of(line.substring(eq + 1).trim()));
            }
        } catch (IOException | RuntimeException e) {
            problem = file + ": " + e.getMessage();
        }
    }

    private static Kind kindOf(String name) {
        for (Kind k : Kind.values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    private void write() {
        if (file == null) {
            return;
        }
        StringBuilder b = new StringBuilder("# The folder each kind of file was last opened from or saved to\n");
        folders.forEach((k, dir) -> b.append(k.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(dir).append('\n'));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, b, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            problem = file + ": " + e.getMessage();
        }
    }
}
