package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.io.AtomicFiles;

/**
 * The model directories used most recently, newest first, one path a line in a small text file under the
 * user's configuration directory ($XDG_CONFIG_HOME/eap-explorer or ~/.config/eap-explorer).
 */
public final class RecentModels {

    public static final int LIMIT = 10;

    private final Path file;

    public RecentModels(Path file) {
        this.file = file;
    }

    public static RecentModels inUserConfig() {
        return new RecentModels(org.eapexplorer.ui.ConfigDirectory.user().resolve("recent-models.txt"));
    }

    /** Another setting's file in the same configuration directory, e.g. {@code palette.txt}. */
    public Path besideThis(String name) {
        return file.resolveSibling(name);
    }

    /** The remembered directories that still exist; an unreadable file counts as empty. */
    public List<Path> list() {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            List<Path> out = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    Path p = Path.of(line.strip());
                    if (Files.isDirectory(p) && !out.contains(p)) {
                        out.add(p);
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Moves {@code dir} to the front; returns the new list. */
    public List<Path> remember(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        List<Path> out = new ArrayList<>();
        out.add(absolute);
        for (Path p : list()) {
            if (!p.equals(absolute) && out.size() < LIMIT) {
                out.add(p);
            }
        }
        AtomicFiles.writeText(file, w -> {
            for (Path p : out) {
                w.write(p.toString());
                w.write('\n');
            }
        });
        return out;
    }
}
