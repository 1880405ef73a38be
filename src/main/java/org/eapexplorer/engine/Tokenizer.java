package org.eapexplorer.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Text ↔ token ids for one model's vocabulary.
 *
 * <p>Tokens are always handled in their <em>text form</em>: the characters the token stands for once
 * decoded. For GPT-2's byte-level BPE the vocabulary entry {@code "ĠMary"} has the text form
 * {@code " Mary"} (leading space included), which is how prompt files name answers and distractors. A
 * byte-level token that is only part of a multi-byte UTF-8 character has no text form of its own:
 * {@link #token(int)} shows it with U+FFFD and {@link #tokenId(String)} cannot find it.
 *
 * <p>No BOS token is added by {@link #encode(String)}; the model code decides about that. Implementations
 * hold native memory and must be {@linkplain #close() closed}; all methods may be called from any thread
 * before that.
 */
public interface Tokenizer extends AutoCloseable {

    /**
     * Loads the tokenizer in {@code modelDir}: {@code tokenizer.json} (Hugging Face tokenizers format, BPE
     * or WordLevel model) if present, otherwise GPT-2's {@code vocab.json} + {@code merges.txt}.
     *
     * @throws IOException if neither is there or a file is malformed; the message names the file
     */
    static Tokenizer load(Path modelDir) throws IOException {
        return Tokenizers.load(modelDir);
    }

    /** Token ids of {@code text}, without special tokens added. */
    int[] encode(String text);

    /** The text of {@code ids} (lossless for byte-level BPE: {@code decode(encode(s)).equals(s)}). */
    String decode(int[] ids);

    /** The text form of one token. */
    String token(int id);

    /** The id of the vocabulary entry whose text form is exactly {@code token}, e.g. {@code " Mary"}. */
    OptionalInt tokenId(String token);

    /** Number of ids, {@code 0 .. vocabSize()-1} (special tokens included). */
    int vocabSize();

    /** The text forms of {@code ids}, one per id, e.g. for display. */
    default String[] tokens(int[] ids) {
        String[] out = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = token(ids[i]);
        }
        return out;
    }

    /** Frees the native tokenizer; idempotent. */
    @Override
    void close();
}
