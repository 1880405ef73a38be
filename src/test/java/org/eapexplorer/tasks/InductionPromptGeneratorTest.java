package org.eapexplorer.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

class InductionPromptGeneratorTest {

    static final Path MODEL = Path.of("assets", "models", "induction-2l");
    static final Path SHIPPED = Path.of("sample-prompts", "induction.jsonl");

    /** The word that followed every earlier occurrence of the prompt's last word: what induction predicts. */
    static int induced(int[] prompt) {
        int last = prompt[prompt.length - 1];
        int next = -1;
        for (int t = 0; t < prompt.length - 1; t++) {
            if (prompt[t] == last) {
                assertTrue(next == -1 || next == prompt[t + 1], "every earlier occurrence is followed by the same word");
                next = prompt[t + 1];
            }
        }
        assertTrue(next >= 0, "the last word occurs before");
        return next;
    }

    @Test
    void everyPairInducesTheAnswerCleanAndTheDistractorCorrupted() {
        List<InductionPromptGenerator.Pair> pairs = InductionPromptGenerator.generatePairs(300, 17);
        Map<InductionPromptGenerator.Corruption, Integer> counts = new EnumMap<>(InductionPromptGenerator.Corruption.class);
        for (InductionPromptGenerator.Pair p : pairs) {
            counts.merge(p.corruption(), 1, Integer::sum);
            assertEquals(p.clean().length, p.corrupted().length);
            assertTrue(p.clean().length <= 32, "fits the model's context");
            assertEquals(p.answer(), induced(p.clean()));
            assertEquals(p.distractor(), induced(p.corrupted()));
            assertNotEquals(p.answer(), p.distractor());
            int last = p.clean().length - 1;
            List<Integer> changed = new ArrayList<>();
            for (int t = 0; t <= last; t++) {
                if (p.clean()[t] != p.corrupted()[t]) {
                    changed.add(t);
                }
            }
            switch (p.corruption()) {
                case QUERY -> assertEquals(List.of(last), changed);
                case VALUE -> assertEquals(1, changed.size());
                case KEY -> assertEquals(2, changed.size());
                default -> throw new AssertionError();
            }
        }
        assertEquals(100, counts.get(InductionPromptGenerator.Corruption.KEY));
    }

    @Test
    void theShippedFileIsTheGeneratorsOutputAndValidForTheModel() throws Exception {
        try (Tokenizer tokenizer = Tokenizer.load(MODEL)) {
            String expected = PromptJsonl.toJsonl(new InductionPromptGenerator(tokenizer)
                    .generate(InductionPromptGenerator.DEFAULT_COUNT, InductionPromptGenerator.DEFAULT_SEED));
            assertEquals(expected, Files.readString(SHIPPED, StandardCharsets.UTF_8),
                    "regenerate with: java -cp … org.eapexplorer.tasks.InductionPromptGenerator assets/models/induction-2l " + SHIPPED);
            PromptSet set = PromptPairFile.read(SHIPPED);
            assertEquals(99, set.size());
            assertEquals(MetricKind.LOGIT_DIFF, set.metric());
            set.pairs().forEach(p -> PromptChecks.requireValid(p, tokenizer));
        }
    }
}
