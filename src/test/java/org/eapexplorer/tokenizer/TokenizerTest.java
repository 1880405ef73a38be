package org.eapexplorer.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {

    static final Path GPT2_DIR = Path.of("assets/tokenizers/gpt2");
    static final Path CASES = Path.of("src/test/resources/fixtures/gpt2_tokenizer_cases.json");
    static final Path TINY_MODEL = Path.of("src/test/resources/fixtures/tiny-f32");

    static Tokenizer gpt2;

    @BeforeAll
    static void loadGpt2() throws IOException {
        gpt2 = Tokenizer.load(GPT2_DIR);
    }

    @AfterAll
    static void closeGpt2() {
        gpt2.close();
    }

    // ---------------------------------------------------------------- GPT-2

    @Test
    void knownGpt2Ids() {
        assertArrayEquals(new int[] {15496}, gpt2.encode("Hello"));
        assertArrayEquals(new int[] {995}, gpt2.encode(" world"));
        assertArrayEquals(new int[] {262}, gpt2.encode(" the"));
        assertArrayEquals(new int[] {15496, 995}, gpt2.encode("Hello world"));
        assertArrayEquals(new int[0], gpt2.encode(""));
        assertEquals(50257, gpt2.vocabSize());
    }

    @Test
    void everyFixtureCaseMatchesTheIndependentImplementation() throws IOException {
        assumeTrue(Files.exists(CASES), "fixture not written yet: " + CASES);
        JsonArray cases = JsonParser.parseString(Files.readString(CASES)).getAsJsonObject().getAsJsonArray("cases");
        assertTrue(cases.size() >= 40, "only " + cases.size() + " cases");
        List<String> failures = new ArrayList<>();
        for (JsonElement c : cases) {
            String text = c.getAsJsonObject().get("text").getAsString();
            JsonArray idsJson = c.getAsJsonObject().getAsJsonArray("ids");
            int[] expected = new int[idsJson.size()];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = idsJson.get(i).getAsInt();
            }
            int[] actual = gpt2.encode(text);
            if (!Arrays.equals(expected, actual)) {
                failures.add(quote(text) + ": expected " + Arrays.toString(expected) + ", got " + Arrays.toString(actual));
            }
            String roundTrip = gpt2.decode(actual);
            if (!roundTrip.equals(text)) {
                failures.add(quote(text) + ": decodes back to " + quote(roundTrip));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    /** Ids from a Python port of OpenAI's encoder.py (the `regex` module's \p{L}/\p{N}). */
    @Test
    void trickyStringsMatchOpenAiEncoder() {
        assertEncodes("\u00a0nbsp\u2003em\u3000ideo", 1849, 77, 24145, 447, 225, 368, 5099, 222, 1651);
        assertEncodes("\r\n\r\nwindows\r\n", 201, 198, 201, 198, 28457, 201, 198);
        assertEncodes("I'M HE'S we'll they'RE 've 'd", 40, 6, 44, 11179, 6, 50, 356, 1183, 484, 6, 2200, 705, 303, 705, 67);
        assertEncodes("'s's's", 338, 338, 338);
        assertEncodes("zero\u200bwidth", 22570, 9525, 10394);
        assertEncodes("\u0301combining", 136, 223, 24011, 3191);
        assertEncodes("\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67", 41840, 101, 447, 235, 41840, 102, 447, 235, 41840, 100);
        assertEncodes("def f(x):\n    return x**2  # comment\n",
                4299, 277, 7, 87, 2599, 198, 220, 220, 220, 1441, 2124, 1174, 17, 220, 1303, 2912, 198);
        assertEncodes("The contract lasted from the year 1352 to 13", 464, 2775, 15436, 422, 262, 614, 1511, 4309, 284, 1511);
        assertEncodes("Then, Mary and Jeffrey went to the restaurant. Jeffrey gave a bone to",
                6423, 11, 5335, 290, 19627, 1816, 284, 262, 7072, 13, 19627, 2921, 257, 9970, 284);
    }

    @Test
    void longInputIsNotTruncated() {
        String text = " word".repeat(3000);
        int[] ids = gpt2.encode(text);
        assertEquals(3000, ids.length);
        assertEquals(text, gpt2.decode(ids));
    }

    @Test
    void tokenTextFormsAndLookups() {
        assertEquals("Hello", gpt2.token(15496));
        assertEquals(" world", gpt2.token(995));
        assertEquals(OptionalInt.of(5335), gpt2.tokenId(" Mary"));
        assertEquals(OptionalInt.of(24119), gpt2.tokenId("Mary"));
        assertEquals(OptionalInt.of(486), gpt2.tokenId("01"));
        assertEquals(OptionalInt.empty(), gpt2.tokenId("\u0120Mary"), "raw vocabulary spelling is not a text form");
        assertEquals(OptionalInt.empty(), gpt2.tokenId(" Mary and"));
        assertArrayEquals(new String[] {"Hello", " world"}, gpt2.tokens(new int[] {15496, 995}));
        // 8582 is the first half of a 4-byte emoji: shown with U+FFFD, not findable by text.
        assertTrue(gpt2.token(8582).contains("\ufffd"));
        for (int id = 0; id < gpt2.vocabSize(); id += 97) {
            String text = gpt2.token(id);
            if (!text.contains("\ufffd")) {
                assertEquals(OptionalInt.of(id), gpt2.tokenId(text), "id " + id + " " + quote(text));
            }
        }
    }

    @Test
    void endOfTextIsTheSpecialToken() {
        assertEquals(OptionalInt.of(50256), gpt2.tokenId(Tokenizers.GPT2_END_OF_TEXT));
        assertArrayEquals(new int[] {64, 50256, 65}, gpt2.encode("a<|endoftext|>b"));
        assertEquals("<|endoftext|>", gpt2.decode(new int[] {50256}));
    }

    @Test
    void badIdsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> gpt2.decode(new int[] {50257}));
        assertThrows(IllegalArgumentException.class, () -> gpt2.token(-1));
    }

    @Test
    void tokenizerJsonIsPreferredOverVocabAndMerges(@TempDir Path dir) throws IOException {
        Files.copy(GPT2_DIR.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(GPT2_DIR.resolve("merges.txt"), dir.resolve("merges.txt"));
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertEquals(50257, t.vocabSize());
        }
        WordLevelTokenizer.save(dir.resolve("tokenizer.json"), List.of("<unk>", "hello", "world"));
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertEquals(3, t.vocabSize());
            assertArrayEquals(new int[] {1, 2}, t.encode("hello world"));
        }
    }

    @Test
    void closedTokenizerRefusesWork() throws IOException {
        Tokenizer t = Tokenizer.load(TINY_MODEL);
        t.close();
        t.close(); // idempotent
        assertThrows(IllegalStateException.class, () -> t.encode("the"));
    }

    // ---------------------------------------------------------------- WordLevel

    @Test
    void wordLevelFixtureModel() throws IOException {
        try (Tokenizer t = Tokenizer.load(TINY_MODEL)) {
            assertEquals(41, t.vocabSize());
            assertArrayEquals(new int[] {38, 13, 3, 14, 6, 4, 1, 7}, t.encode("When mary and john went to the store"));
            assertArrayEquals(new int[] {20, 13}, t.encode("when mary"), "case-sensitive");
            assertArrayEquals(new int[] {1, 0, 31}, t.encode("  the\tzebra\n cat "), "unknown word -> <unk>");
            assertEquals("When mary and john", t.decode(new int[] {38, 13, 3, 14}));
            assertEquals("mary", t.token(13));
            assertEquals(OptionalInt.of(13), t.tokenId("mary"));
            assertEquals(OptionalInt.empty(), t.tokenId("Mary"), "case-sensitive");
        }
    }

    /** The fixture generator's own tokens for its prompts (reference.json) must be what we produce. */
    @Test
    void wordLevelFixturePromptsMatchTheirReferenceTokens() throws IOException {
        for (String name : List.of("tiny-f32", "tiny-f16", "tiny-bf16")) {
            Path dir = TINY_MODEL.resolveSibling(name);
            JsonObject tokens = JsonParser.parseString(Files.readString(dir.resolve("reference.json")))
                    .getAsJsonObject().getAsJsonObject("tokens");
            List<String> lines = Files.readAllLines(dir.resolve("prompts.jsonl"));
            try (Tokenizer t = Tokenizer.load(dir)) {
                for (String side : List.of("clean", "corrupted")) {
                    JsonArray expected = tokens.getAsJsonArray(side);
                    assertEquals(lines.size(), expected.size(), name);
                    for (int i = 0; i < lines.size(); i++) {
                        String text = JsonParser.parseString(lines.get(i)).getAsJsonObject().get(side).getAsString();
                        int[] want = new com.google.gson.Gson().fromJson(expected.get(i), int[].class);
                        assertArrayEquals(want, t.encode(text), name + " " + side + " " + i);
                    }
                }
            }
        }
    }

    @Test
    void wordLevelRoundTrip(@TempDir Path dir) throws IOException {
        List<String> vocab = List.of("<unk>", "the", "cat", "sat", "on", "mat", ".", "Zoë", "'s");
        WordLevelTokenizer.save(dir.resolve("tokenizer.json"), vocab);
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertEquals(vocab.size(), t.vocabSize());
            for (int i = 0; i < vocab.size(); i++) {
                assertEquals(vocab.get(i), t.token(i));
                assertEquals(OptionalInt.of(i), t.tokenId(vocab.get(i)));
            }
            String text = "the cat sat on the mat . Zoë 's";
            int[] ids = t.encode(text);
            assertArrayEquals(new int[] {1, 2, 3, 4, 1, 5, 6, 7, 8}, ids);
            assertEquals(text, t.decode(ids));
            assertArrayEquals(new int[] {1, 0}, t.encode("the mat."), "WhitespaceSplit keeps punctuation attached");
        }
    }

    @Test
    void wordLevelWithWhitespacePreTokenizer(@TempDir Path dir) throws IOException {
        String json = WordLevelTokenizer.toJson(List.of("<unk>", "the", "mat", "."))
                .replace("\"WhitespaceSplit\"", "\"Whitespace\"");
        Files.writeString(dir.resolve("tokenizer.json"), json);
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertArrayEquals(new int[] {1, 2, 3}, t.encode("the mat."));
        }
    }

    @Test
    void wordLevelWriterRefusesBadVocabularies() {
        assertThrows(IllegalArgumentException.class, () -> WordLevelTokenizer.toJson(List.of("a", "b")), "no <unk>");
        assertThrows(IllegalArgumentException.class, () -> WordLevelTokenizer.toJson(List.of("<unk>", "a", "a")));
        assertThrows(IllegalArgumentException.class, () -> WordLevelTokenizer.toJson(List.of("<unk>", "a b")));
        assertThrows(IllegalArgumentException.class, () -> WordLevelTokenizer.toJson(List.of("<unk>", "a\u00a0b")));
        assertThrows(IllegalArgumentException.class, () -> WordLevelTokenizer.toJson(List.of("<unk>", "")));
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void missingFilesAreNamed(@TempDir Path dir) throws IOException {
        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains(dir.toString()) && e.getMessage().contains("no tokenizer"), e.getMessage());

        e = assertThrows(IOException.class, () -> Tokenizer.load(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("not a directory"), e.getMessage());

        Files.copy(GPT2_DIR.resolve("vocab.json"), dir.resolve("vocab.json"));
        e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("merges.txt"), e.getMessage());
    }

    @Test
    void malformedTokenizerJsonIsRefusedWithTheFileAndTheFault(@TempDir Path dir) throws IOException {
        String good = WordLevelTokenizer.toJson(List.of("<unk>", "a", "b"));
        assertRefused(dir, "{\"model\": ", "not valid JSON");
        assertRefused(dir, "[1, 2]", "JSON object");
        assertRefused(dir, "{\"version\": \"1.0\"}", "no \"model\"");
        assertRefused(dir, good.replace("\"WordLevel\"", "\"Unigram\""), "unsupported model.type \"Unigram\"");
        assertRefused(dir, good.replace("\"b\": 2", "\"b\": 1"), "gives id 1 to both");
        assertRefused(dir, good.replace("\"b\": 2", "\"b\": 5"), "no token has id 2");
        assertRefused(dir, good.replace("\"b\": 2", "\"b\": 1.5"), "integer");
        assertRefused(dir, good.replace("\"b\": 2", "\"b\": \"two\""), "integer");
        assertRefused(dir, good.replace("\"unk_token\": \"<unk>\"", "\"unk_token\": \"<UNK>\""), "unk_token");
        assertRefused(dir, good.replace("\"vocab\": {", "\"vocab\": [").replace("}\n  }", "]\n  }"), "");

        JsonObject bpe = new JsonObject();
        JsonObject model = new JsonObject();
        model.addProperty("type", "BPE");
        JsonObject vocab = new JsonObject();
        vocab.addProperty("a", 0);
        vocab.addProperty("b", 1);
        vocab.addProperty("ab", 2);
        model.add("vocab", vocab);
        JsonArray merges = new JsonArray();
        merges.add("a b");
        merges.add("ab c");
        model.add("merges", merges);
        bpe.add("model", model);
        assertRefused(dir, bpe.toString(), "model.merges[1] uses \"c\"");
        merges.set(1, new com.google.gson.JsonPrimitive("ab"));
        assertRefused(dir, bpe.toString(), "two symbols");
        merges.remove(1);
        try (Tokenizer t = Tokenizers.fromJson(bpe.toString(), "inline")) {
            assertArrayEquals(new int[] {2, 0}, t.encode("aba"));
        }

        Files.write(dir.resolve("tokenizer.json"), new byte[] {'{', (byte) 0xff, '}'});
        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("tokenizer.json") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void malformedVocabOrMergesAreRefusedWithTheFileAndTheFault(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b\nab  b\n");
        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("merges.txt") && e.getMessage().contains("line 3"), e.getMessage());

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b\nab x\n");
        e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("merges.txt") && e.getMessage().contains("\"x\""), e.getMessage());

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\na b\n");
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": \"2\"}");
        e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("vocab.json") && e.getMessage().contains("\"ab\""), e.getMessage());

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2");
        e = assertThrows(IOException.class, () -> Tokenizer.load(dir));
        assertTrue(e.getMessage().contains("vocab.json") && e.getMessage().contains("not valid JSON"), e.getMessage());

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 0, \"b\": 1, \"ab\": 2}");
        try (Tokenizer t = Tokenizer.load(dir)) {
            assertArrayEquals(new int[] {2, 1}, t.encode("abb"));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static void assertRefused(Path dir, String json, String expectedInMessage) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> Tokenizer.load(dir), json);
        assertTrue(e.getMessage().contains(file.toString()), "message does not name the file: " + e.getMessage());
        assertTrue(e.getMessage().contains(expectedInMessage), "expected '" + expectedInMessage + "' in: " + e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    private static void assertEncodes(String text, int... ids) {
        assertArrayEquals(ids, gpt2.encode(text), quote(text));
        assertEquals(text, gpt2.decode(ids));
    }

    private static String quote(String s) {
        return new com.google.gson.Gson().toJson(s);
    }
}
