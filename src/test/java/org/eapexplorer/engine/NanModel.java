package org.eapexplorer.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A model whose weights are all finite, so that it loads, but whose every forward pass gives NaN: tiny-f32 with the
 * final LayerNorm's gain at 3e38, which overflows to ±∞ in float32 as soon as it multiplies a normalised value above
 * 1.13; the unembedding then adds +∞ and −∞. What any cause of a NaN run (a rotary base ≤ 0, weights too large for
 * float32) looks like to everything after the forward pass.
 */
public final class NanModel {

    private NanModel() {
    }

    /** Writes the model (config, weights, tokenizer) and tiny-f32's prompts into {@code dir}; returns {@code dir}. */
    public static Path write(Path dir) throws IOException {
        Path source = OracleFixture.load("tiny-f32").dir();
        Files.createDirectories(dir);
        for (String name : new String[] {"config.json", "model.safetensors", "tokenizer.json", "prompts.jsonl"}) {
            Files.copy(source.resolve(name), dir.resolve(name));
        }
        ModelDirs.editTensors(dir, tensors -> Arrays.fill(tensors.get("transformer.ln_f.weight").values(), 3e38f));
        return dir;
    }

    public static Path prompts(Path dir) {
        return dir.resolve("prompts.jsonl");
    }
}
