package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.Consumer;
import org.eapexplorer.io.SettingsText;
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
        return list(problem -> { });
    }

    /** As {@link #list()}, saying to {@code problems} in one line why a file that is there was not read. */
    public List<Path> list(Consumer<String> problems) {
        try {
            List<Path> out = new ArrayList<>();
            for (String line : SettingsText.read(file).orElse("").split("\\R")) {
                if (!line.isBlank()) {
                    Path p = Path.of(line.strip());
                    if (Files.isDirectory(p) && !out.contains(p)) {
                        out.add(p);
                    }
                }
            }
            return out;
        } catch (IOException e) {
            problems.accept(e.getMessage());
            return List.of();
        } catch (RuntimeException e) {
            // A line that is no path on this system (InvalidPathException): the list is only a convenience.
            problems.accept(file + " holds a line that is not a path (" + e.getMessage() + "); the list starts empty");
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
