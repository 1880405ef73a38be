package org.eapexplorer.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;

/**
 * The files of a Hugging Face model folder that the program reads, and so every file whose bytes change the numbers it
 * computes: {@code config.json}, the tokenizer files, the weights. The one list that what identifies a model (the
 * patching cache's key, a score file's {@code metadata.model}) and what reads the tokenizer agree on.
 */
public final class ModelFiles {

    public static final String CONFIG_JSON = "config.json";
    public static final String TOKENIZER_JSON = "tokenizer.json";
    public static final String VOCAB_JSON = "vocab.json";
    public static final String MERGES_TXT = "merges.txt";

    private ModelFiles() {
    }

    public static Path config(Path modelDir) {
        return modelDir.resolve(CONFIG_JSON);
    }

    /**
     * The tokenizer files the program reads, in the order it prefers them: {@code tokenizer.json} when it is a file, else
     * GPT-2's {@code vocab.json} and {@code merges.txt} when both are; empty otherwise (loading then says what is missing).
     * No other tokenizer file ({@code tokenizer_config.json}, {@code special_tokens_map.json}) is read: the BOS comes from
     * {@code tokenizer.json}'s post-processor or config.json.
     */
    public static List<Path> tokenizer(Path modelDir) {
        Path tokenizerJson = modelDir.resolve(TOKENIZER_JSON);
        if (Files.isRegularFile(tokenizerJson)) {
            return List.of(tokenizerJson);
        }
        Path vocab = modelDir.resolve(VOCAB_JSON);
        Path merges = modelDir.resolve(MERGES_TXT);
        return Files.isRegularFile(vocab) && Files.isRegularFile(merges) ? List.of(vocab, merges) : List.of();
    }

    /** The weights: {@code model.safetensors}, or the index and its shards ({@link SafetensorsCheckpoint#weightFiles}). */
    public static List<Path> weights(Path modelDir) throws IOException {
        return SafetensorsCheckpoint.weightFiles(modelDir);
    }
}
