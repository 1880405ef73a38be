package org.eapexplorer.ui.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;

/**
 * The quick look the window takes at a folder chosen as the model, before it replaces the current choice: the files
 * loading needs are there. Loading itself checks everything else (shapes, dtypes, the tokenizer).
 */
public final class ModelFolder {

    private ModelFolder() {
    }

    /** What is wrong with {@code dir} as a model folder, in words, or empty when it has a config and weights. */
    public static Optional<String> problem(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.of(dir + " is not a folder.");
        }
        boolean config = Files.isRegularFile(dir.resolve("config.json"));
        boolean weights = SafetensorsCheckpoint.hasWeights(dir);
        if (config && weights) {
            return Optional.empty();
        }
        String missing = !config && !weights ? "config.json and model.safetensors" : !config ? "config.json" : "model.safetensors";
        String hint = !weights && Files.isRegularFile(dir.resolve("pytorch_model.bin"))
                ? " It has pytorch_model.bin, which is never read: convert it to safetensors first."
                : " Choose a Hugging Face model folder (config.json, model.safetensors or its shards, and the tokenizer files).";
        return Optional.of(dir + " is not a model folder: it has no " + missing + "." + hint);
    }
}
