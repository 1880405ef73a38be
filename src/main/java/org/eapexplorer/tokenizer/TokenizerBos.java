package org.eapexplorer.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.OptionalInt;

/**
 * The BOS a {@code tokenizer.json} puts in front of every text: the special token its post-processor places before the
 * text of a single sequence. Llama's files do this with {@code TemplateProcessing} ({@code "single": [<s>, $A]},
 * on its own or inside a {@code Sequence} after {@code ByteLevel}, as Llama-3's), BERT-like ones with
 * {@code BertProcessing}/{@code RobertaProcessing}'s {@code cls}; GPT-2's, Qwen2's and Pythia's post-processors
 * ({@code ByteLevel}, or none) add nothing. Special tokens the template puts <em>after</em> the text (an EOS with
 * {@code add_eos_token}) are left out: a prompt ends where the model is to predict the next token.
 */
final class TokenizerBos {

    private TokenizerBos() {
    }

    /**
     * @param size the tokenizer's number of ids; the BOS must be one of them
     * @throws IOException naming {@code source} when the post-processor is malformed or puts more than one token before
     *                     the text
     */
    static OptionalInt read(JsonObject root, int size, String source) throws IOException {
        OptionalInt bos = of(root.get("post_processor"), source, "post_processor");
        if (bos.isPresent() && bos.getAsInt() >= size) {
            throw new IOException(source + ": the post_processor's BOS has id " + bos.getAsInt() + ", but the tokenizer's ids end at "
                    + (size - 1));
        }
        return bos;
    }

    private static OptionalInt of(JsonElement el, String source, String where) throws IOException {
        if (el == null || el.isJsonNull()) {
            return OptionalInt.empty();
        }
        if (!el.isJsonObject()) {
            throw new IOException(source + ": " + where + " must be an object or null");
        }
        JsonObject p = el.getAsJsonObject();
        String type = p.has("type") && p.get("type").isJsonPrimitive() ? p.get("type").getAsString() : "";
        switch (type) {
            case "Sequence" -> {
                OptionalInt found = OptionalInt.empty();
                JsonElement list = p.get("processors");
                if (list == null || !list.isJsonArray()) {
                    throw new IOException(source + ": " + where + " is a Sequence without a \"processors\" array");
                }
                int i = 0;
                for (JsonElement child : list.getAsJsonArray()) {
                    OptionalInt bos = of(child, source, where + ".processors[" + i++ + "]");
                    if (bos.isPresent() && found.isPresent()) {
                        throw new IOException(source + ": " + where + " has two processors that put a token before the text");
                    }
                    found = bos.isPresent() ? bos : found;
                }
                return found;
            }
            case "TemplateProcessing" -> {
                return template(p, source, where);
            }
            case "BertProcessing", "RobertaProcessing" -> {
                JsonElement cls = p.get("cls");
                if (cls == null || !cls.isJsonArray() || cls.getAsJsonArray().size() != 2) {
                    throw new IOException(source + ": " + where + ".cls must be [token, id]");
                }
                return OptionalInt.of(id(cls.getAsJsonArray().get(1), source, where + ".cls[1]"));
            }
            default -> {
                return OptionalInt.empty();
            }
        }
    }

    private static OptionalInt template(JsonObject p, String source, String where) throws IOException {
        JsonElement single = p.get("single");
        if (single == null || !single.isJsonArray()) {
            throw new IOException(source + ": " + where + " (TemplateProcessing) has no \"single\" array");
        }
        String leading = null;
        int count = 0;
        for (JsonElement piece : single.getAsJsonArray()) {
            if (!piece.isJsonObject()) {
                throw new IOException(source + ": " + where + ".single holds " + piece + ", not a SpecialToken or Sequence");
            }
            JsonObject o = piece.getAsJsonObject();
            if (o.has("Sequence")) {
                break;
            }
            JsonElement special = o.get("SpecialToken");
            if (special == null || !special.isJsonObject() || !special.getAsJsonObject().has("id")) {
                throw new IOException(source + ": " + where + ".single holds " + piece + ", not a SpecialToken or Sequence");
            }
            leading = special.getAsJsonObject().get("id").getAsString();
            count++;
        }
        if (count == 0) {
            return OptionalInt.empty();
        }
        if (count > 1) {
            throw new IOException(source + ": " + where + " puts " + count + " special tokens before the text; "
                    + "only one, a BOS, is supported");
        }
        JsonElement specials = p.get("special_tokens");
        JsonElement entry = specials != null && specials.isJsonObject() ? specials.getAsJsonObject().get(leading) : null;
        JsonElement ids = entry != null && entry.isJsonObject() ? entry.getAsJsonObject().get("ids") : null;
        if (ids == null || !ids.isJsonArray()) {
            throw new IOException(source + ": " + where + ".special_tokens has no ids for \"" + leading + "\"");
        }
        JsonArray list = ids.getAsJsonArray();
        if (list.size() != 1) {
            throw new IOException(source + ": " + where + ".special_tokens gives \"" + leading + "\" " + list.size()
                    + " ids; a BOS is one token");
        }
        return OptionalInt.of(id(list.get(0), source, where + ".special_tokens[\"" + leading + "\"].ids[0]"));
    }

    private static int id(JsonElement e, String source, String where) throws IOException {
        return Tokenizers.intValue(e, source, where);
    }
}
