package org.eapexplorer.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * {@link Tokenizer#bosToken()}: the BOS a tokenizer.json's post-processor puts in front of every text, checked against
 * what the tokenizers library itself does with special tokens added (Hugging Face's default).
 */
class TokenizerBosTest {

    private static final Path GPT2_DIR = Path.of("assets/tokenizers/gpt2");

    /** Llama-2's form, written out by hand: WordLevel with a TemplateProcessing post-processor putting <s> (id 1) first. */
    private static final String LLAMA2_STYLE = """
            {"version": "1.0", "truncation": null, "padding": null,
             "added_tokens": [{"id": 1, "content": "<s>", "single_word": false, "lstrip": false, "rstrip": false,
                               "normalized": false, "special": true}],
             "normalizer": null, "pre_tokenizer": {"type": "WhitespaceSplit"},
             "post_processor": {"type": "TemplateProcessing",
               "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}}],
               "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                        {"SpecialToken": {"id": "<s>", "type_id": 1}}, {"Sequence": {"id": "B", "type_id": 1}}],
               "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}}},
             "decoder": null,
             "model": {"type": "WordLevel", "vocab": {"<unk>": 0, "<s>": 1, "Mary": 2, "John": 3, "went": 4}, "unk_token": "<unk>"}}
            """;

    /** The library's own ids with special tokens added, as transformers' tokenizer(text) gives them. */
    private static int[] withSpecialTokens(String json, String text) throws IOException {
        try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false"))) {
            long[] ids = hf.encode(text).getIds();
            int[] out = new int[ids.length];
            for (int i = 0; i < ids.length; i++) {
                out[i] = (int) ids[i];
            }
            return out;
        }
    }

    private static int[] prepend(OptionalInt bos, int[] ids) {
        if (bos.isEmpty()) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bos.getAsInt();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    /** bosToken() in front of encode(), no more and no less, is what the library gives with special tokens. */
    private static void assertMatchesTheLibrary(String json, String text, OptionalInt expectedBos) throws IOException {
        try (Tokenizer t = Tokenizers.fromJson(json, "test tokenizer.json")) {
            assertEquals(expectedBos, t.bosToken());
            int[] plain = t.encode(text);
            if (expectedBos.isPresent()) {
                assertTrue(plain.length == 0 || plain[0] != expectedBos.getAsInt(), "encode() adds no BOS");
            }
            assertArrayEquals(withSpecialTokens(json, text), prepend(t.bosToken(), plain));
        }
    }

    @Test
    void aLlama2StyleTemplateGivesItsBos() throws IOException {
        assertMatchesTheLibrary(LLAMA2_STYLE, "Mary went", OptionalInt.of(1));
    }

    @Test
    void aLlama3StyleSequenceOfByteLevelAndTemplateGivesItsBos() throws IOException {
        String json = TokenizerJsonWriter.byteLevel(GPT2_DIR, List.of("<|begin_of_text|>"), "<|begin_of_text|>");
        assertMatchesTheLibrary(json, "When Mary and John went to the store", OptionalInt.of(50257));
    }

    @Test
    void aWordLevelTokenizerWrittenWithABosTemplateGivesIt() throws IOException {
        List<String> vocab = new ArrayList<>(List.of("<unk>", "<s>", "</s>", "Mary", "went"));
        String json = TokenizerJsonWriter.wordLevel(vocab, List.of("<s>", "</s>"), "<s>");
        assertMatchesTheLibrary(json, "Mary went", OptionalInt.of(1));
    }

    @Test
    void tokenizersWithoutATemplateAddNone() throws IOException {
        // Qwen2's and Pythia's form: GPT-2's byte-level BPE, a ByteLevel post-processor.
        assertMatchesTheLibrary(TokenizerJsonWriter.byteLevel(GPT2_DIR, List.of(), null), "When Mary went", OptionalInt.empty());
        assertMatchesTheLibrary(WordLevelTokenizer.toJson(List.of("<unk>", "Mary", "went")), "Mary went", OptionalInt.empty());
        try (Tokenizer gpt2 = Tokenizer.load(GPT2_DIR)) {
            assertEquals(OptionalInt.empty(), gpt2.bosToken());
        }
    }

    @Test
    void robertaStyleProcessingGivesItsCls() throws IOException {
        com.google.gson.JsonObject root = com.google.gson.JsonParser.parseString(LLAMA2_STYLE).getAsJsonObject();
        root.add("post_processor", com.google.gson.JsonParser.parseString("{\"type\": \"RobertaProcessing\", "
                + "\"sep\": [\"<s>\", 1], \"cls\": [\"<s>\", 1], \"trim_offsets\": true, \"add_prefix_space\": false}"));
        String json = root.toString();
        try (Tokenizer t = Tokenizers.fromJson(json, "roberta.json")) {
            assertEquals(OptionalInt.of(1), t.bosToken());
        }
    }

    @Test
    void templatesThatCannotGiveOneBosAreRefusedNamingTheFile() {
        String two = LLAMA2_STYLE.replace("\"single\": [{\"SpecialToken\": {\"id\": \"<s>\", \"type_id\": 0}},",
                "\"single\": [{\"SpecialToken\": {\"id\": \"<s>\", \"type_id\": 0}}, {\"SpecialToken\": {\"id\": \"<s>\", \"type_id\": 0}},");
        IOException e = assertThrows(IOException.class, () -> Tokenizers.fromJson(two, "two.json"));
        assertEquals("two.json: post_processor puts 2 special tokens before the text; only one, a BOS, is supported", e.getMessage());

        String noIds = LLAMA2_STYLE.replace("\"ids\": [1]", "\"ids\": []");
        e = assertThrows(IOException.class, () -> Tokenizers.fromJson(noIds, "noids.json"));
        assertEquals("noids.json: post_processor.special_tokens gives \"<s>\" 0 ids; a BOS is one token", e.getMessage());

        String outside = LLAMA2_STYLE.replace("\"ids\": [1]", "\"ids\": [99]");
        e = assertThrows(IOException.class, () -> Tokenizers.fromJson(outside, "outside.json"));
        assertEquals("outside.json: the post_processor's BOS has id 99, but the tokenizer's ids end at 4", e.getMessage());
    }
}
