package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the encoder refuses that no text check can see: tokens, and lengths measured against the model's context. */
class PromptEncoderRefusalTest {

    private static Tokenizer gpt2;
    private static Tokenizer words;

    @BeforeAll
    static void load() throws Exception {
        gpt2 = Tokenizer.load(Path.of("assets/tokenizers/gpt2"));
        words = Tokenizer.load(Path.of("assets/models/induction-2l"));
    }

    @AfterAll
    static void close() {
        gpt2.close();
        words.close();
    }

    private static PromptSet set(PromptPair pair) {
        return new PromptSet("test.jsonl", List.of(pair), List.of(7), pair.metric());
    }

    @Test
    void anAnswerThatIsAlsoADistractorAsATokenIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff("When Mary and John went", "When Alice and Bob went", " Mary", " Mary")), gpt2, 1024, OptionalInt.empty()));
        assertTrue(e.getMessage().startsWith("test.jsonl:7: answer \" Mary\" and distractor \" Mary\" are the same token (id 5335)"),
                e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(new PromptPair("a b", "c d",
                List.of(" 1", " 2"), List.of(" 3", " 1"), MetricKind.PROB_DIFF)), gpt2, 1024, OptionalInt.empty()));
        assertTrue(e.getMessage().contains("answer \" 1\" and distractor \" 1\" are the same token"), e.getMessage());
    }

    @Test
    void aPromptThatCannotFitIsRefusedBeforeItIsTokenised() {
        Counting counting = new Counting(gpt2);
        String huge = "word ".repeat(400_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff(huge, huge, " Mary", " John")), counting, 1024, OptionalInt.empty()));
        assertTrue(e.getMessage().startsWith("test.jsonl:7: the clean prompt has 2000000 characters") && e.getMessage().contains("1024 (n_positions)"),
                e.getMessage());
        assertEquals(0, counting.encoded, "nothing tokenised");

        Counting wordLevel = new Counting(words);
        String many = "a b ".repeat(20);  // 40 words, each one token at least, against a context of 32
        e = assertThrows(IllegalArgumentException.class, () -> PromptEncoder.encode(set(
                PromptPair.logitDiff(many, many, "a", "b")), wordLevel, 32, OptionalInt.of(0)));
        assertTrue(e.getMessage().contains("at least 41 tokens (the BOS token included)"), e.getMessage());
        assertEquals(0, wordLevel.encoded, "nothing tokenised");
    }

    @Test
    void aPromptThatFitsIsStillEncoded() {
        String spaced = "apple      bread  ".repeat(10);  // whitespace is no token for a word-level tokenizer: 20 tokens
        assertEquals(20, PromptEncoder.encode(set(PromptPair.logitDiff(spaced, spaced, "chair", "dog")), words, 20, OptionalInt.empty())
                .get(0).clean().length);
    }

    /** Counts the texts it is asked to tokenise. */
    private static final class Counting implements Tokenizer {
        private final Tokenizer inner;
        int encoded;

        Counting(Tokenizer inner) {
            this.inner = inner;
        }

        @Override
        public int[] encode(String text) {
            encoded++;
            return inner.encode(text);
        }

        @Override
        public String decode(int[] ids) {
            return inner.decode(ids);
        }

        @Override
        public String token(int id) {
            return inner.token(id);
        }

        @Override
        public OptionalInt tokenId(String token) {
            return inner.tokenId(token);
        }

        @Override
        public int vocabSize() {
            return inner.vocabSize();
        }

        public long minTokens(String text) {
            return inner.minTokens(text);
        }

        public String source() {
            return inner.source();
        }

        @Override
        public void close() {
        }
    }
}
