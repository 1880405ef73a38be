package org.eapexplorer.tokenizer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.io.ModelFiles;
import org.eapexplorer.io.StrictJson;

/**
 * Reads tokenizer files, checks them, and hands them to the Hugging Face tokenizers library (DJL's JNI
 * binding, {@code ai.djl.huggingface:tokenizers}).
 *
 * <p><b>Why DJL and not our own BPE.</b> Measured on 2026-11-24 with DJL 0.36.0: the jar bundles
 * {@code native/lib/linux-x86_64/cpu/libtokenizers.so} and extracts it to {@code ~/.djl.ai}; it only
 * downloads the library when the jar lacks it, and never in offline mode. Run under
 * {@code strace -f -e trace=connect} with {@code DJL_OFFLINE=true OPT_OUT_TRACKING=true} it made no
 * {@code connect()} to any internet address (the only {@code AF_INET} sockets were the JDK's
 * {@code libnet} IPv4/IPv6 capability probes). Its GPT-2 ids equal an independent Python port of OpenAI's
 * {@code encoder.py} on 535 strings (English, whitespace runs, contractions, digits, CJK, emoji, random
 * Unicode); {@code <|endoftext|>} differs by design, see {@link #fromGpt2Files}. It also handles the
 * WordLevel + WhitespaceSplit/Whitespace files of our small models, and encodes ~850k tokens/s.
 * One catch: {@code HuggingFaceTokenizer} calls DJL's {@code Ec2Utils.callHome} (telemetry, which first
 * reads EC2 instance metadata over HTTP) unless {@code OPT_OUT_TRACKING} or offline mode is set, so
 * {@link HfTokenizer} sets both system properties before it creates a tokenizer.
 *
 * <p>Every file is checked here first (JSON shape, vocabulary ids dense and unique, merges well formed
 * and in the vocabulary), so that a bad file gives an {@link IOException} naming the file and the fault
 * rather than an error from native code.
 */
public final class Tokenizers {

    /** File names looked for in a model directory, in order of preference. */
    public static final String TOKENIZER_JSON = ModelFiles.TOKENIZER_JSON;
    public static final String VOCAB_JSON = ModelFiles.VOCAB_JSON;
    public static final String MERGES_TXT = ModelFiles.MERGES_TXT;

    /** GPT-2's end-of-text token, a special (added) token in Hugging Face's GPT-2 tokenizers. */
    public static final String GPT2_END_OF_TEXT = "<|endoftext|>";

    private Tokenizers() {
    }

    /** See {@link Tokenizer#load(Path)}. */
    public static Tokenizer load(Path modelDir) throws IOException {
        if (!Files.isDirectory(modelDir)) {
            throw new IOException(modelDir + ": not a directory (expected a model directory with "
                    + TOKENIZER_JSON + " or " + VOCAB_JSON + " + " + MERGES_TXT + ")");
        }
        for (String name : List.of(TOKENIZER_JSON, VOCAB_JSON, MERGES_TXT)) {
            Path file = modelDir.resolve(name);
            if (Files.exists(file) && !Files.isDirectory(file)) {
                org.eapexplorer.io.RegularFiles.require(file);  // a FIFO is refused, not passed over for the next file
            }
        }
        // The files ModelFiles names are the ones read here, so that what identifies a model covers its tokenizer.
        List<Path> files = ModelFiles.tokenizer(modelDir);
        if (files.size() == 1) {
            return fromTokenizerJson(files.get(0));
        }
        if (files.size() == 2) {
            return fromGpt2Files(files.get(0), files.get(1));
        }
        Path vocab = modelDir.resolve(VOCAB_JSON);
        Path merges = modelDir.resolve(MERGES_TXT);
        if (Files.isRegularFile(vocab) != Files.isRegularFile(merges)) {
            throw new IOException(modelDir + ": has " + (Files.isRegularFile(vocab) ? VOCAB_JSON : MERGES_TXT)
                    + " but not " + (Files.isRegularFile(vocab) ? MERGES_TXT : VOCAB_JSON)
                    + "; GPT-2's byte-level BPE needs both (or a " + TOKENIZER_JSON + ")");
        }
        throw new IOException(modelDir + ": no tokenizer found (expected " + TOKENIZER_JSON + " or "
                + VOCAB_JSON + " + " + MERGES_TXT + ")");
    }

    /** A Hugging Face {@code tokenizer.json} with a BPE or WordLevel model. */
    public static Tokenizer fromTokenizerJson(Path file) throws IOException {
        return fromJson(JsonFiles.withoutByteOrderMark(JsonFiles.readUtf8(file)), file.toString());
    }

    /**
     * The same, from the file's text; {@code source} names it in error messages.
     *
     * @throws IOException if the JSON is malformed or describes an unsupported or inconsistent tokenizer
     */
    public static Tokenizer fromJson(String json, String source) throws IOException {
        JsonObject root = parseObject(json, source);
        Checked checked = check(root, source);
        return HfTokenizer.create(json, checked.textForms(), checked.exactTextForms(), checked.floor(), checked.bos(), source);
    }

    /**
     * GPT-2's byte-level BPE from OpenAI's {@code vocab.json} + {@code merges.txt}, turned into the
     * equivalent {@code tokenizer.json} in memory (as Hugging Face's {@code GPT2TokenizerFast} does):
     * ByteLevel pre-tokenizer without prefix space, BPE model, ByteLevel decoder. Like Hugging Face (and
     * unlike OpenAI's {@code encoder.py}), the literal text {@code <|endoftext|>} encodes to its single id
     * 50256 rather than to seven ordinary tokens.
     */
    public static Tokenizer fromGpt2Files(Path vocabJson, Path mergesTxt) throws IOException {
        JsonObject root = gpt2TokenizerJson(vocabJson, mergesTxt);
        String source = vocabJson + " + " + mergesTxt.getFileName();
        Checked checked = check(root, source);
        return HfTokenizer.create(root.toString(), checked.textForms(), checked.exactTextForms(), checked.floor(), checked.bos(), source);
    }

    /** The {@code tokenizer.json} tree {@link #fromGpt2Files} builds, checked for vocabulary and merges. */
    static JsonObject gpt2TokenizerJson(Path vocabJson, Path mergesTxt) throws IOException {
        JsonObject vocab = parseObject(JsonFiles.readUtf8(vocabJson), vocabJson.toString());
        Map<String, Integer> ids = readVocab(vocab, vocabJson.toString(), "the top-level object");
        JsonArray merges = readMergesTxt(mergesTxt, ids);

        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        model.add("dropout", null);
        model.add("unk_token", null);
        model.addProperty("continuing_subword_prefix", "");
        model.addProperty("end_of_word_suffix", "");
        model.addProperty("fuse_unk", false);
        model.addProperty("byte_fallback", false);
        model.add("vocab", vocab);
        model.add("merges", merges);

        JsonObject root = new JsonObject();
        root.addProperty("version", "1.0");
        root.add("truncation", null);
        root.add("padding", null);
        JsonArray added = new JsonArray();
        Integer eot = ids.get(GPT2_END_OF_TEXT);
        if (eot != null) {
            added.add(TokenizerJsonWriter.addedToken(eot, GPT2_END_OF_TEXT, true));
        }
        root.add("added_tokens", added);
        root.add("normalizer", null);
        root.add("pre_tokenizer", byteLevel(false, true));
        root.add("post_processor", byteLevel(true, false));
        root.add("decoder", byteLevel(true, true));
        root.add("model", model);
        return root;
    }

    static JsonObject byteLevel(boolean addPrefixSpace, boolean trimOffsets) {
        JsonObject o = new JsonObject();
        o.addProperty("type", "ByteLevel");
        o.addProperty("add_prefix_space", addPrefixSpace);
        o.addProperty("trim_offsets", trimOffsets);
        o.addProperty("use_regex", true);
        return o;
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    /**
     * What the checks learnt: the text form of every id for display, and the exact text form (null where
     * a byte-level token is an incomplete UTF-8 sequence) for look-ups.
     */
    private record Checked(String[] textForms, String[] exactTextForms, TokenFloor floor, OptionalInt bos) {
    }

    private static Checked check(JsonObject root, String source) throws IOException {
        JsonElement modelEl = root.get("model");
        if (modelEl == null || !modelEl.isJsonObject()) {
            throw new IOException(source + ": no \"model\" object");
        }
        JsonObject model = modelEl.getAsJsonObject();
        String type = optString(model, "type", source, "model.type");
        if (type == null) {
            if (!model.has("merges")) {
                throw new IOException(source + ": model.type is missing");
            }
            type = "BPE";
        }
        if (!type.equals("BPE") && !type.equals("WordLevel")) {
            throw new IOException(source + ": unsupported model.type \"" + type + "\" (supported: BPE, WordLevel)");
        }
        JsonElement vocabEl = model.get("vocab");
        if (vocabEl == null || !vocabEl.isJsonObject()) {
            throw new IOException(source + ": model.vocab must be an object mapping token to id");
        }
        Map<String, Integer> vocab = readVocab(vocabEl.getAsJsonObject(), source, "model.vocab");

        // Added tokens: either already in the vocabulary under the same id, or new ids.
        Map<Integer, String> byId = new HashMap<>();
        vocab.forEach((tok, id) -> byId.put(id, tok));
        Map<Integer, String> addedById = new HashMap<>();
        JsonElement addedEl = root.get("added_tokens");
        if (addedEl != null && !addedEl.isJsonNull()) {
            if (!addedEl.isJsonArray()) {
                throw new IOException(source + ": added_tokens must be an array");
            }
            int i = 0;
            for (JsonElement e : addedEl.getAsJsonArray()) {
                String where = "added_tokens[" + i++ + "]";
                if (!e.isJsonObject()) {
                    throw new IOException(source + ": " + where + " must be an object");
                }
                String content = optString(e.getAsJsonObject(), "content", source, where + ".content");
                int id = intValue(e.getAsJsonObject().get("id"), source, where + ".id");
                if (content == null) {
                    throw new IOException(source + ": " + where + " has no content");
                }
                String inVocab = byId.get(id);
                if (inVocab != null && !inVocab.equals(content)) {
                    throw new IOException(source + ": " + where + " \"" + content + "\" has id " + id
                            + ", which the vocabulary gives to \"" + inVocab + "\"");
                }
                String previous = addedById.put(id, content);
                if (previous != null && !previous.equals(content)) {
                    throw new IOException(source + ": " + where + " reuses id " + id + " of \"" + previous + "\"");
                }
            }
        }
        Map<Integer, String> all = new HashMap<>(byId);
        all.putAll(addedById);
        int size = all.size();
        for (int id = 0; id < size; id++) {
            if (!all.containsKey(id)) {
                throw new IOException(source + ": token ids are not dense: " + size + " tokens but no token has id "
                        + id);
            }
        }

        if (type.equals("WordLevel")) {
            String unk = model.has("unk_token") ? optString(model, "unk_token", source, "model.unk_token") : "<unk>";
            if (unk == null || !vocab.containsKey(unk)) {
                throw new IOException(source + ": WordLevel model.unk_token \"" + unk + "\" is not in the vocabulary");
            }
        } else {
            checkMerges(model, vocab, source);
        }

        boolean byteLevel = usesByteLevel(root);
        String[] text = new String[size];
        String[] exact = new String[size];
        for (Map.Entry<Integer, String> e : all.entrySet()) {
            int id = e.getKey();
            String raw = e.getValue();
            if (byteLevel && !addedById.containsKey(id)) {
                text[id] = ByteLevelText.decodeLenient(raw);
                exact[id] = ByteLevelText.decodeStrict(raw);
            } else {
                text[id] = raw;
                exact[id] = raw;
            }
        }
        return new Checked(text, exact, floor(root, byteLevel, text), TokenizerBos.read(root, size, source));
    }

    /** See {@link TokenFloor}: which lower bound on token counts holds for this tokenizer. */
    private static TokenFloor floor(JsonObject root, boolean byteLevel, String[] text) {
        JsonElement normalizer = root.get("normalizer");
        if (normalizer != null && !normalizer.isJsonNull()) {
            return TokenFloor.TRIVIAL;
        }
        if (byteLevel && hasType(root.get("pre_tokenizer"), "ByteLevel")) {
            int longest = 1;
            for (String t : text) {
                longest = Math.max(longest, t.length());
            }
            return new TokenFloor(longest, false);
        }
        boolean words = hasType(root.get("pre_tokenizer"), "WhitespaceSplit") || hasType(root.get("pre_tokenizer"), "Whitespace")
                || hasType(root.get("pre_tokenizer"), "BertPreTokenizer");
        return new TokenFloor(0, words);
    }

    private static void checkMerges(JsonObject model, Map<String, Integer> vocab, String source) throws IOException {
        JsonElement mergesEl = model.get("merges");
        if (mergesEl == null || !mergesEl.isJsonArray()) {
            throw new IOException(source + ": BPE model.merges must be an array");
        }
        String prefix = model.has("continuing_subword_prefix") && model.get("continuing_subword_prefix").isJsonPrimitive()
                ? model.get("continuing_subword_prefix").getAsString() : "";
        int i = 0;
        for (JsonElement m : mergesEl.getAsJsonArray()) {
            String where = "model.merges[" + i++ + "]";
            String a;
            String b;
            if (m.isJsonPrimitive() && m.getAsJsonPrimitive().isString()) {
                String[] parts = m.getAsString().split(" ", -1);
                if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new IOException(source + ": " + where + " \"" + m.getAsString()
                            + "\" is not two symbols separated by one space");
                }
                a = parts[0];
                b = parts[1];
            } else if (m.isJsonArray() && m.getAsJsonArray().size() == 2
                    && m.getAsJsonArray().get(0).isJsonPrimitive() && m.getAsJsonArray().get(1).isJsonPrimitive()) {
                a = m.getAsJsonArray().get(0).getAsString();
                b = m.getAsJsonArray().get(1).getAsString();
            } else {
                throw new IOException(source + ": " + where + " must be \"a b\" or [\"a\", \"b\"]");
            }
            checkMerge(a, b, prefix, vocab, source, where);
        }
    }

    private static void checkMerge(String a, String b, String prefix, Map<String, Integer> vocab, String source,
            String where) throws IOException {
        for (String s : new String[] {a, b}) {
            if (!vocab.containsKey(s)) {
                throw new IOException(source + ": " + where + " uses \"" + s + "\", which is not in the vocabulary");
            }
        }
        String merged = a + (prefix.isEmpty() || !b.startsWith(prefix) ? b : b.substring(prefix.length()));
        if (!vocab.containsKey(merged)) {
            throw new IOException(source + ": " + where + " produces \"" + merged + "\", which is not in the vocabulary");
        }
    }

    private static boolean usesByteLevel(JsonObject root) {
        return hasType(root.get("pre_tokenizer"), "ByteLevel") || hasType(root.get("decoder"), "ByteLevel");
    }

    /** True if {@code el} is of {@code type} or a Sequence containing one. */
    private static boolean hasType(JsonElement el, String type) {
        if (el == null || !el.isJsonObject()) {
            return false;
        }
        JsonObject o = el.getAsJsonObject();
        JsonElement t = o.get("type");
        if (t != null && t.isJsonPrimitive() && type.equals(t.getAsString())) {
            return true;
        }
        for (String key : new String[] {"pretokenizers", "decoders"}) {
            JsonElement list = o.get(key);
            if (list != null && list.isJsonArray()) {
                for (JsonElement child : list.getAsJsonArray()) {
                    if (hasType(child, type)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Token → id, checked: ids are non-negative integers, no id used twice. Keeps file order. */
    private static Map<String, Integer> readVocab(JsonObject vocab, String source, String where) throws IOException {
        if (vocab.size() == 0) {
            throw new IOException(source + ": " + where + " is empty");
        }
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<String, JsonElement> e : vocab.entrySet()) {
            int id = intValue(e.getValue(), source, where + " entry \"" + e.getKey() + "\"");
            String other = seen.put(id, e.getKey());
            if (other != null) {
                throw new IOException(source + ": " + where + " gives id " + id + " to both \"" + other + "\" and \""
                        + e.getKey() + "\"");
            }
            ids.put(e.getKey(), id);
        }
        return ids;
    }

    /**
     * OpenAI's merges.txt: an optional {@code #version} line, then one merge per line, two symbols
     * separated by one space, in rank order.
     */
    private static JsonArray readMergesTxt(Path file, Map<String, Integer> vocab) throws IOException {
        List<String> lines = List.of(JsonFiles.withoutByteOrderMark(JsonFiles.readUtf8(file)).split("\r?\n", -1));
        JsonArray merges = new JsonArray();
        int last = lines.size();
        while (last > 0 && lines.get(last - 1).isEmpty()) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("#version")) {
                continue;
            }
            String where = "line " + (i + 1);
            String[] parts = line.split(" ", -1);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IOException(file + ": " + where + " \"" + abbreviate(line)
                        + "\" is not two symbols separated by one space");
            }
            checkMerge(parts[0], parts[1], "", vocab, file.toString(), where);
            merges.add(new JsonPrimitive(line));
        }
        if (merges.size() == 0) {
            throw new IOException(file + ": no merges");
        }
        return merges;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }

    /** A token id a tokenizer file gives: a non-negative whole number, else an error naming the file and where. */
    static int intValue(JsonElement e, String source, String where) throws IOException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(source + ": " + where + " must be an integer id");
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || d < 0 || d > Integer.MAX_VALUE) {
            throw new IOException(source + ": " + where + " must be a non-negative integer id, not " + e);
        }
        return (int) d;
    }

    private static String optString(JsonObject o, String key, String source, String where) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IOException(source + ": " + where + " must be a string");
        }
        return e.getAsString();
    }

    private static JsonObject parseObject(String json, String source) throws IOException {
        JsonElement el = StrictJson.parse(json, source, false);
        if (!el.isJsonObject()) {
            throw new IOException(source + ": expected a JSON object at the top level, found " + JsonFiles.kindOf(el));
        }
        return el.getAsJsonObject();
    }
}
