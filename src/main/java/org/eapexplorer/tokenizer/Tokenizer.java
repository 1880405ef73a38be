package org.eapexplorer.tokenizer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.eapexplorer.model.ModelFormatException;

/**
 * Text ↔ token ids for one model's vocabulary.
 *
 * <p>Tokens are always handled in their <em>text form</em>: the characters the token stands for once
 * decoded. For GPT-2's byte-level BPE the vocabulary entry {@code "ĠMary"} has the text form
 * {@code " Mary"} (leading space included), which is how prompt files name answers and distractors. A
 * byte-level token that is only part of a multi-byte UTF-8 character has no text form of its own:
 * {@link #token(int)} shows it with U+FFFD and {@link #tokenId(String)} cannot find it.
 *
 * <p>No BOS token is added by {@link #encode(String)}: {@link #bosToken()} says which one the tokenizer's own file puts in
 * front of a text, and {@code PromptEncoder.bosFor} decides, with the model's config.json, the one a prompt gets. Implementations
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

    /** The tokenizer of the model in {@code modelDir}, checked to give only ids the model has ({@link #requireFits}). */
    static Tokenizer loadFor(Path modelDir, org.eapexplorer.model.ModelConfig model) throws IOException {
        Tokenizer tokenizer = load(modelDir);
        try {
            tokenizer.requireFits(model.vocabSize(), modelDir.resolve("config.json"));
            return tokenizer;
        } catch (IOException | RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    /** Token ids of {@code text}, without special tokens added. */
    int[] encode(String text);

    /**
     * The token the tokenizer's own file puts in front of every text when special tokens are added (Hugging Face's
     * {@code add_special_tokens=True}, the default): Llama's {@code <s>} or {@code <|begin_of_text|>}, from a
     * {@code TemplateProcessing} post-processor. Empty for GPT-2's, Qwen2's and Pythia's tokenizers, which add none.
     */
    default OptionalInt bosToken() {
        return OptionalInt.empty();
    }

    /** The text of {@code ids} (lossless for byte-level BPE: {@code decode(encode(s)).equals(s)}). */
    String decode(int[] ids);

    /** The text form of one token. */
    String token(int id);

    /** The id of the vocabulary entry whose text form is exactly {@code token}, e.g. {@code " Mary"}. */
    OptionalInt tokenId(String token);

    /**
     * The fewest tokens {@code text} can encode to, counted without tokenising it (a lower bound: the text never
     * encodes to fewer), so that text too long for a model's context is refused before it is tokenised.
     */
    long minTokens(String text);

    /** The file(s) the tokenizer was read from, for messages. */
    String source();

    /**
     * Refuses a tokenizer whose ids do not all index {@code vocab_size} rows of the model's embedding: libtorch would
     * otherwise fail mid-run with its own index error on the first prompt holding such a token.
     *
     * @param configFile the model's config.json, named in the message
     */
    default void requireFits(int modelVocabSize, java.nio.file.Path configFile) throws java.io.IOException {
        if (vocabSize() > modelVocabSize) {
            throw new ModelFormatException(source() + ": the tokenizer has " + vocabSize() + " token ids (0 … " + (vocabSize() - 1)
                    + "), but " + configFile + " gives the model vocab_size " + modelVocabSize + ", so ids from " + modelVocabSize
                    + " on have no embedding (tokenizer and model do not belong together)");
        }
    }

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
