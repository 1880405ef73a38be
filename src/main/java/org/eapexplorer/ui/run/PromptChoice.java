package org.eapexplorer.ui.run;

import java.nio.file.Path;

/** An entry of the prompt-file list: a shipped sample by name, or a file the user browsed to. */
public record PromptChoice(String label, Path path) {

    public static PromptChoice ofFile(Path path) {
        return new PromptChoice(path.getFileName().toString(), path);
    }

    @Override
    public String toString() {
        return label;
    }
}
