package org.eapexplorer.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes word-level tokenizers in Hugging Face's {@code tokenizer.json} format, as used by our small test
 * models and by models we train: a {@code WordLevel} model over whole words, a {@code WhitespaceSplit}
 * pre-tokenizer (text is split on whitespace, nothing else), no normalizer, no post-processor. Read them
 * back with {@link Tokenizer#load(Path)}; decoding joins words with single spaces.
 */
public final class WordLevelTokenizer {

    /** The unknown-word token every vocabulary written here must contain. */
    public static final String UNK = "<unk>";

    private WordLevelTokenizer() {
    }

    /**
     * Writes {@code file} (normally {@code <modelDir>/tokenizer.json}); token {@code i} of {@code vocab} gets
     * id {@code i}.
     *
     * @throws IllegalArgumentException if {@code vocab} lacks {@value #UNK}, repeats a word, or has an empty
     *     word or one containing whitespace (which the pre-tokenizer could never produce)
     */
    public static void save(Path file, List<String> vocab) throws IOException {
        String json = toJson(vocab);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        org.eapexplorer.io.AtomicFiles.writeText(file, w -> w.write(json));
    }

    /** The {@code tokenizer.json} text for {@code vocab}; see {@link #save(Path, List)}. */
    public static String toJson(List<String> vocab) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < vocab.size(); i++) {
            String word = vocab.get(i);
            if (word == null || word.isEmpty()) {
                throw new IllegalArgumentException("vocab[" + i + "] is empty");
            }
            if (word.codePoints().anyMatch(WordLevelTokenizer::isSplitSpace)) {
                throw new IllegalArgumentException("vocab[" + i + "] \"" + word + "\" contains whitespace");
            }
            if (!seen.add(word)) {
                throw new IllegalArgumentException("vocab[" + i + "] \"" + word + "\" appears twice");
            }
        }
        if (!seen.contains(UNK)) {
            throw new IllegalArgumentException("vocab has no " + UNK + " token");
        }

        JsonObject vocabJson = new JsonObject();
        for (int i = 0; i < vocab.size(); i++) {
            vocabJson.addProperty(vocab.get(i), i);
        }
        JsonObject model = new JsonObject();
        model.addProperty("type", "WordLevel");
        model.add("vocab", vocabJson);
        model.addProperty("unk_token", UNK);

        JsonObject preTokenizer = new JsonObject();
        preTokenizer.addProperty("type", "WhitespaceSplit");

        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        root.add("added_tokens", new JsonArray());
        root.add("normalizer", null);
        root.add("pre_tokenizer", preTokenizer);
        root.add("post_processor", null);
        root.add("decoder", null);
        root.add("model", model);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    /** Whitespace as Rust's {@code char::is_whitespace} (what WhitespaceSplit splits on) sees it. */
    private static boolean isSplitSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
    }
}
