package org.eapexplorer.tokenizer;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code tokenizer.json} files for the models the program makes, in the form each family's own tokenizer has:
 * GPT-2's byte-level BPE (or a word-level vocabulary) with the family's special tokens as added tokens and, where the
 * family's tokenizer puts a BOS in front of every text (Llama's {@code <s>}, Llama-3's {@code <|begin_of_text|>}),
 * the {@code TemplateProcessing} post-processor Hugging Face's files use for it, which {@link Tokenizer#bosToken()} reads
 * back.
 */
public final class TokenizerJsonWriter {

    private TokenizerJsonWriter() {
    }

    /**
     * GPT-2's vocabulary and merges, with {@code newSpecials} added as special tokens at ids 50257, 50258, … .
     *
     * @param bos the token every text starts with, a special token (GPT-2's {@code <|endoftext|>} or one of
     *            {@code newSpecials}); null for none, as GPT-2's, Qwen2's and Pythia's tokenizers add none
     */
    public static String byteLevel(Path gpt2Dir, List<String> newSpecials, String bos) throws IOException {
        JsonObject root = Tokenizers.gpt2TokenizerJson(gpt2Dir.resolve(Tokenizers.VOCAB_JSON),
                gpt2Dir.resolve(Tokenizers.MERGES_TXT));
        int next = root.getAsJsonObject("model").getAsJsonObject("vocab").size();
        JsonArray added = root.getAsJsonArray("added_tokens");
        for (String special : newSpecials) {
            added.add(addedToken(next++, special));
        }
        if (bos != null) {
            // Llama-3's form: the byte-level post-processor (offsets only) followed by the template.
            JsonObject sequence = new JsonObject();
            sequence.addProperty("type", "Sequence");
            JsonArray processors = new JsonArray();
            processors.add(Tokenizers.byteLevel(true, false));
            processors.add(bosTemplate(bos, idOf(root, bos)));
            sequence.add("processors", processors);
            root.add("post_processor", sequence);
        }
        return toText(root);
    }

    /**
     * A word-level tokenizer ({@link WordLevelTokenizer}) over {@code vocab}, whose {@code specials} (words of
     * {@code vocab}) are marked as special added tokens.
     *
     * @param bos as for {@link #byteLevel}, one of {@code specials}
     */
    public static String wordLevel(List<String> vocab, List<String> specials, String bos) {
        JsonObject root = JsonParser.parseString(WordLevelTokenizer.toJson(vocab)).getAsJsonObject();
        JsonArray added = root.getAsJsonArray("added_tokens");
        for (String special : specials) {
            int id = vocab.indexOf(special);
            if (id < 0) {
                throw new IllegalArgumentException("special token " + special + " is not in the vocabulary");
            }
            added.add(addedToken(id, special));
        }
        if (bos != null) {
            root.add("post_processor", bosTemplate(bos, idOf(root, bos)));
        }
        return toText(root);
    }

    private static int idOf(JsonObject root, String special) {
        for (JsonElement e : root.getAsJsonArray("added_tokens")) {
            if (special.equals(e.getAsJsonObject().get("content").getAsString())) {
                return e.getAsJsonObject().get("id").getAsInt();
            }
        }
        throw new IllegalArgumentException("BOS " + special + " is not a special token of the tokenizer");
    }

    private static JsonObject addedToken(int id, String content) {
        return addedToken(id, content, false);
    }

    /** A special token of {@code added_tokens}, as the tokenizers library writes one. */
    static JsonObject addedToken(int id, String content, boolean normalized) {
        JsonObject t = new JsonObject();
        t.addProperty("id", id);
        t.addProperty("content", content);
        t.addProperty("single_word", false);
        t.addProperty("lstrip", false);
        t.addProperty("rstrip", false);
        t.addProperty("normalized", normalized);
        t.addProperty("special", true);
        return t;
    }

    /** {@code <bos> $A} for one text, {@code <bos> $A <bos> $B} for a pair, as Llama's tokenizer.json has it. */
    private static JsonObject bosTemplate(String bos, int id) {
        JsonObject template = new JsonObject();
        template.addProperty("type", "TemplateProcessing");
        JsonArray single = new JsonArray();
        single.add(special(bos, 0));
        single.add(sequence("A", 0));
        JsonArray pair = new JsonArray();
        pair.add(special(bos, 0));
        pair.add(sequence("A", 0));
        pair.add(special(bos, 1));
        pair.add(sequence("B", 1));
        template.add("single", single);
        template.add("pair", pair);
        JsonObject entry = new JsonObject();
        entry.addProperty("id", bos);
        JsonArray ids = new JsonArray();
        ids.add(id);
        entry.add("ids", ids);
        JsonArray tokens = new JsonArray();
        tokens.add(bos);
        entry.add("tokens", tokens);
        JsonObject specials = new JsonObject();
        specials.add(bos, entry);
        template.add("special_tokens", specials);
        return template;
    }

    private static JsonObject special(String id, int typeId) {
        return piece("SpecialToken", id, typeId);
    }

    private static JsonObject sequence(String id, int typeId) {
        return piece("Sequence", id, typeId);
    }

    private static JsonObject piece(String kind, String id, int typeId) {
        JsonObject inner = new JsonObject();
        inner.addProperty("id", id);
        inner.addProperty("type_id", typeId);
        JsonObject outer = new JsonObject();
        outer.add(kind, inner);
        return outer;
    }

    private static String toText(JsonObject root) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
    }

}
