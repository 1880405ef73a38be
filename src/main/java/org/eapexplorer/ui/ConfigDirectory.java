package org.eapexplorer.ui;

import java.nio.file.Path;

/** The user's configuration directory for this program: $XDG_CONFIG_HOME/eap-explorer, else ~/.config/eap-explorer. */
public final class ConfigDirectory {

    private ConfigDirectory() {
    }

    public static Path user() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("eap-explorer");
    }
}
