package org.eapexplorer.ui.export;

import java.io.IOException;
import java.nio.file.Path;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.SettingsText;

/**
 * The sign palette chosen in the View menu, remembered between runs as its name ({@code okabe-ito}) in a one-line
 * file in the user's configuration directory, beside the recent models. A missing or unreadable file means the
 * default, red/blue: a setting must never stop the window from opening.
 */
public final class PaletteSetting {

    private final Path file;

    public PaletteSetting(Path file) {
        this.file = file;
    }

    public SignPalette load() {
        return load(problem -> { });
    }

    /** As {@link #load()}, saying to {@code problems} in one line why a file that is there was not read. */
    public SignPalette load(java.util.function.Consumer<String> problems) {
        if (file == null) {
            return SignPalette.RED_BLUE;
        }
        try {
            return SettingsText.read(file).flatMap(SignPalette::forName).orElse(SignPalette.RED_BLUE);
        } catch (IOException e) {
            problems.accept(e.getMessage());
            return SignPalette.RED_BLUE;
        }
    }

    public void save(SignPalette palette) throws IOException {
        if (file != null) {
            AtomicFiles.writeText(file, w -> w.write(palette.cliName() + "\n"));
        }
    }
}
