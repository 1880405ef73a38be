package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PromptEncoderTest {

    private static Tokenizer gpt2;

    @BeforeAll
    static void load() throws Exception {
        gpt2 = Tokenizer.load(Path.of("assets/tokenizers/gpt2"));
    }

    @AfterAll
    static void close() {
        gpt2.close();
    }

    private static PromptSet set(PromptPair... pairs) {
        return new PromptSet("test.jsonl", List.of(pairs), java.util.stream.IntStream.rangeClosed(1, pairs.length).boxed().toList(), pairs[0].metric());
    }

    @Test
    void ioiPairEncodesWithGpt2Ids() {
        List<TokenizedPair> out = PromptEncoder.encode(set(PromptPair.logitDiff(
                "When Mary and John went to the store, John gave a drink to",
                "When Alice and Bob went to the store, Carl gave a drink to", " Mary", " John")), gpt2, 1024, OptionalInt.empty());
        assertArrayEquals(new int[] {2215, 5335, 290, 1757, 1816, 284, 262, 3650, 11, 1757, 2921, 257, 4144, 284}, out.get(0).clean());
        assertArrayEquals(new int[] {5335}, out.get(0).answers());
        assertArrayEquals(new int[] {1757}, out.get(0).distractors());
    }

    @Test
    void unequalLengthsNameThePairAndShowTheTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff("a b", "c d", " a", " b"),
                PromptPair.logitDiff("When Mary went", "When Maryanne-Louise went", " x", " y")), gpt2, 1024, OptionalInt.empty()));
        assertTrue(e.getMessage().startsWith("test.jsonl:2: clean and corrupted prompts must have the same number of tokens"), e.getMessage());
    }

    @Test
    void multiTokenAnswersAreRefusedWithAHint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff("a b", "c d", "MaryJohnson", " John")), gpt2, 1024, OptionalInt.empty()));
        assertTrue(e.getMessage().startsWith("test.jsonl:1: answer \"MaryJohnson\" is not a single token"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean \" MaryJohnson\""), e.getMessage());
        IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                new PromptPair("a b", "c d", List.of(" 17"), List.of(" Zyxwvutsr"), MetricKind.PROB_DIFF)), gpt2, 1024, OptionalInt.empty()));
        assertTrue(e2.getMessage().contains("distractor \" Zyxwvutsr\" is not a single token"), e2.getMessage());
    }

    @Test
    void promptsLongerThanTheContextAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff("one two three four", "five six seven eight", " a", " b")), gpt2, 3, OptionalInt.empty()));
        assertTrue(e.getMessage().contains("more than the model's context of 3"), e.getMessage());
    }

    @Test
    void aModelThatPrependsBosGetsItInFrontOfBothPromptsButNotOfTheAnswers() {
        ModelConfig withBos = new ModelConfig(1, 1, 4, 16, 1024, 50257, 1e-5, Activation.GELU_TANH).withBosToken(OptionalInt.of(50256));
        List<TokenizedPair> out = PromptEncoder.encode(set(PromptPair.logitDiff("When Mary and John", "When Alice and Bob", " Mary", " John")),
                gpt2, withBos);
        assertArrayEquals(new int[] {50256, 2215, 5335, 290, 1757}, out.get(0).clean());
        assertArrayEquals(new int[] {50256, 2215, 14862, 290, 5811}, out.get(0).corrupted());
        assertArrayEquals(new int[] {5335}, out.get(0).answers());
        assertArrayEquals(new int[] {1757}, out.get(0).distractors());
        List<TokenizedPair> plain = PromptEncoder.encode(set(PromptPair.logitDiff("When Mary and John", "When Alice and Bob", " Mary", " John")),
                gpt2, withBos.withBosToken(OptionalInt.empty()));
        assertArrayEquals(new int[] {2215, 5335, 290, 1757}, plain.get(0).clean());
    }

    @Test
    void theBosTokenCountsAgainstTheContext() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff("one two three", "five six seven", " a", " b")), gpt2, 3, OptionalInt.of(50256)));
        assertTrue(e.getMessage().contains("the prompt has 4 tokens (the BOS token included), more than the model's context of 3"), e.getMessage());
    }

    // ---- BOS: exactly one, from config.json (TransformerLens) or from the tokenizer's template (Llama)

    /** A Llama-style word-level tokenizer: <unk> 0, <s> 1 (put in front of every text by its template), </s> 2. */
    private static Tokenizer llamaStyle() throws java.io.IOException {
        List<String> vocab = List.of("<unk>", "<s>", "</s>", "When", "Mary", "and", "John", "Alice", "Bob");
        return org.eapexplorer.tokenizer.Tokenizers.fromJson(
                org.eapexplorer.tokenizer.TokenizerJsonWriter.wordLevel(vocab, List.of("<s>", "</s>"), "<s>"), "llama tokenizer.json");
    }

    private static final ModelConfig NINE_TOKENS = new ModelConfig(1, 1, 4, 16, 1024, 9, 1e-5, Activation.GELU_TANH);

    @Test
    void aTokenizerWhoseTemplateAddsBosGivesItToBothPromptsButNotToTheAnswers() throws Exception {
        try (Tokenizer llama = llamaStyle()) {
            List<TokenizedPair> out = PromptEncoder.encode(set(PromptPair.logitDiff("When Mary and John", "When Alice and Bob", "Mary", "John")),
                    llama, NINE_TOKENS);
            assertArrayEquals(new int[] {1, 3, 4, 5, 6}, out.get(0).clean());
            assertArrayEquals(new int[] {1, 3, 7, 5, 8}, out.get(0).corrupted());
            assertArrayEquals(new int[] {4}, out.get(0).answers());
            assertArrayEquals(new int[] {6}, out.get(0).distractors());
        }
    }

    @Test
    void aBosFromConfigAndOneFromTheTokenizerGiveOneBosNotTwo() throws Exception {
        try (Tokenizer llama = llamaStyle()) {
            PromptSet prompts = set(PromptPair.logitDiff("When Mary and John", "When Alice and Bob", "Mary", "John"));
            List<TokenizedPair> same = PromptEncoder.encode(prompts, llama, NINE_TOKENS.withBosToken(OptionalInt.of(1)));
            assertArrayEquals(new int[] {1, 3, 4, 5, 6}, same.get(0).clean());
            // config.json's prepend_bos names the token when it names one.
            List<TokenizedPair> config = PromptEncoder.encode(prompts, llama, NINE_TOKENS.withBosToken(OptionalInt.of(2)));
            assertArrayEquals(new int[] {2, 3, 4, 5, 6}, config.get(0).clean());
            assertEquals(OptionalInt.of(1), PromptEncoder.bosFor(NINE_TOKENS, llama));
            assertEquals(OptionalInt.empty(), PromptEncoder.bosFor(NINE_TOKENS.withBosToken(OptionalInt.empty()), gpt2));
        }
    }

    @Test
    void aPromptThatWritesItsBosGetsItOnce() throws Exception {
        try (Tokenizer llama = llamaStyle()) {
            List<TokenizedPair> out = PromptEncoder.encode(set(PromptPair.logitDiff("<s> When Mary and John", "When Alice and Bob", "Mary", "John")),
                    llama, NINE_TOKENS);
            assertArrayEquals(new int[] {1, 3, 4, 5, 6}, out.get(0).clean());
            assertArrayEquals(new int[] {1, 3, 7, 5, 8}, out.get(0).corrupted());
        }
        ModelConfig withBos = new ModelConfig(1, 1, 4, 16, 1024, 50257, 1e-5, Activation.GELU_TANH).withBosToken(OptionalInt.of(50256));
        List<TokenizedPair> gpt2Out = PromptEncoder.encode(set(PromptPair.logitDiff("<|endoftext|>When Mary and John", "When Alice and Bob",
                " Mary", " John")), gpt2, withBos);
        assertArrayEquals(new int[] {50256, 2215, 5335, 290, 1757}, gpt2Out.get(0).clean());
    }

    /** The status line and the CLI say which BOS the prompts get, whether config.json or the tokenizer decided it. */
    @org.junit.jupiter.api.Test
    void theInputConventionsNameTheTokenizersBos() throws Exception {
        java.nio.file.Path llama = java.nio.file.Path.of("src/test/resources/fixtures/tiny-llama");
        java.nio.file.Path qwen2 = java.nio.file.Path.of("src/test/resources/fixtures/tiny-qwen2");
        try (org.eapexplorer.tokenizer.Tokenizer t = org.eapexplorer.tokenizer.Tokenizer.load(llama);
             org.eapexplorer.tokenizer.Tokenizer q = org.eapexplorer.tokenizer.Tokenizer.load(qwen2)) {
            org.eapexplorer.model.ModelConfig c = org.eapexplorer.family.ModelFamilies.readConfig(llama.resolve("config.json"));
            org.junit.jupiter.api.Assertions.assertEquals("Llama, 4 query / 2 key-value heads, rotary, BOS 41 prepended",
                    PromptEncoder.inputConventions(c, t));
            org.junit.jupiter.api.Assertions.assertEquals("Llama, 4 query / 2 key-value heads, rotary", c.inputConventions(),
                    "config.json alone does not say it");
            org.eapexplorer.model.ModelConfig qc = org.eapexplorer.family.ModelFamilies.readConfig(qwen2.resolve("config.json"));
            org.junit.jupiter.api.Assertions.assertEquals("Qwen2, 4 query / 1 key-value head, rotary", PromptEncoder.inputConventions(qc, q));
        }
    }
}
