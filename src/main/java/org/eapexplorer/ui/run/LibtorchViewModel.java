package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.SettingsText;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.runtime.LibtorchFolder;
import org.eapexplorer.ui.AppState;

/**
 * The window's libtorch setting (File → Use a libtorch folder…): a local libtorch 2.7.1 or pip {@code torch/lib} the
 * window loads instead of the bundled CPU build, remembered as its path in a one-line file beside the recent models.
 * It ranks below {@code --libtorch} and the environment variables ({@link LibtorchChoice#select}). libtorch loads
 * once per run, so a change takes effect at the next start. A remembered folder that is no longer usable (moved,
 * upgraded) is passed over with the reason: a setting must never keep the window from opening.
 */
public final class LibtorchViewModel {

    static final String SOURCE = "the window's libtorch setting";

    private final AppState state;
    private final Path file;

    /** @param file the setting's file; null keeps nothing (tests) */
    public LibtorchViewModel(AppState state, Path file) {
        this.state = state;
        this.file = file;
    }

    /** The remembered folder, if any; a missing, blank or unreadable file means none. */
    public Optional<Path> saved() {
        if (file == null) {
            return Optional.empty();
        }
        try {
            String text = SettingsText.read(file).orElse("").strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(Path.of(text));
        } catch (IOException e) {
            state.say(e.getMessage());
            return Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            state.say(file + " does not hold a folder's path (" + e.getMessage() + "); the bundled libtorch is used");
            return Optional.empty();
        }
    }

    /**
     * Which libtorch this run of the window loads: {@code --libtorch}, else the environment, else the remembered
     * folder while it passes {@link LibtorchFolder#check}, else DJL's cache or the bundled build.
     *
     * @param option {@code ui --libtorch}, already checked by the options, or null
     */
    public LibtorchChoice chooseAtStart(Path option, Map<String, String> env, Path djlPytorchCache) {
        Path setting = saved().orElse(null);
        if (setting != null) {
            try {
                LibtorchFolder.check(setting, SOURCE);
            } catch (IllegalArgumentException e) {
                state.say(e.getMessage() + "; the setting is passed over (File → Use a libtorch folder… to change it)");
                setting = null;
            }
        }
        return LibtorchChoice.select(option, env, setting, djlPytorchCache);
    }

    /**
     * Checks {@code folder} and remembers it for the next start; a folder DJL could not use is refused with the
     * check's one line and nothing is remembered.
     *
     * @return whether it was remembered
     */
    public boolean use(Path folder) {
        LibtorchFolder checked;
        try {
            checked = LibtorchFolder.check(folder, "the chosen folder");
        } catch (IllegalArgumentException e) {
            state.say(e.getMessage() + "; the setting is unchanged.");
            return false;
        }
        if (!write(folder.toAbsolutePath().normalize().toString())) {
            return false;
        }
        state.say("libtorch " + checked.version() + " " + checked.flavor() + " from " + checked.lib()
                + " will be used from the next start (libtorch loads once per run).");
        return true;
    }

    /** Forgets the remembered folder: from the next start, DJL's cache (gpu-setup) or the bundled CPU build. */
    public void useBundled() {
        if (write(null)) {
            state.say("The next start uses gpu-setup's CUDA build if it is in DJL's cache, else the bundled CPU build.");
        }
    }

    private boolean write(String path) {
        if (file == null) {
            return true;
        }
        try {
            if (path == null) {
                Files.deleteIfExists(file);
            } else {
                AtomicFiles.writeText(file, w -> w.write(path + "\n"));
            }
            return true;
        } catch (IOException e) {
            state.say("Cannot write the libtorch setting " + file + ": " + e.getMessage());
            return false;
        }
    }
}
