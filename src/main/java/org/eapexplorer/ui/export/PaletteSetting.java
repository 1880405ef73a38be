package org.eapexplorer.ui.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.circuit.SignPalette;
import org.eapexplorer.io.AtomicFiles;

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
        if (file == null || !Files.isRegularFile(file)) {
            return SignPalette.RED_BLUE;
        }
        try {
            return SignPalette.forName(Files.readString(file, StandardCharsets.UTF_8)).orElse(SignPalette.RED_BLUE);
        } catch (IOException | RuntimeException e) {
            return SignPalette.RED_BLUE;
        }
    }

    public void save(SignPalette palette) throws IOException {
        if (file != null) {
            AtomicFiles.writeText(file, w -> w.write(palette.cliName() + "\n"));
        }
    }
}
