package org.eapexplorer.tasks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.eapexplorer.tokenizer.WordLevelTokenizer;
import org.eapexplorer.training.Gpt2Trainer;
import org.junit.jupiter.api.Test;

class InductionTaskTest {

    @Test
    void vocabularyIsUnkThenSixtyThreeDistinctWords() {
        List<String> v = InductionTask.vocabulary();
        assertEquals(64, v.size());
        assertEquals(WordLevelTokenizer.UNK, v.get(0));
        assertEquals(64, new HashSet<>(v).size());
        assertTrue(v.stream().noneMatch(w -> w.isBlank() || w.contains(" ")));
    }

    @Test
    void repeatedSequencesRepeatDistinctWords() {
        for (InductionTask.Sequence s : InductionTask.sample(1, 300, 32)) {
            int[] t = s.tokens();
            assertEquals(32, t.length);
            assertTrue(s.pattern() >= InductionTask.MIN_PATTERN && s.pattern() <= InductionTask.MAX_PATTERN);
            assertTrue(s.filler() <= InductionTask.MAX_FILLER && s.filler() + 2 * s.pattern() <= 32);
            Set<Integer> first = new HashSet<>();
            for (int i = 0; i < s.secondStart(); i++) {
                assertTrue(t[i] >= 1 && t[i] < 64);
                assertTrue(first.add(t[i]), "filler and pattern words are distinct");
            }
            for (int i = s.secondStart(); i < 32; i++) {
                assertEquals(t[i - s.pattern()], t[i], "the pattern repeats");
            }
        }
        assertEquals(InductionTask.sample(4, 20, 32).get(7).filler(), InductionTask.sample(4, 20, 32).get(7).filler());
    }

    @Test
    void walksFollowOneCycleWithJumps() {
        SplittableRandom random = new SplittableRandom(2);
        int steps = 0;
        int jumps = 0;
        for (int n = 0; n < 200; n++) {
            int[] t = InductionTask.walk(random, 32);
            Set<Integer> words = new HashSet<>();
            java.util.Map<Integer, Set<Integer>> next = new java.util.HashMap<>();
            for (int i = 0; i < t.length; i++) {
                words.add(t[i]);
                if (i + 1 < t.length) {
                    next.computeIfAbsent(t[i], k -> new HashSet<>()).add(t[i + 1]);
                }
            }
            assertTrue(words.size() <= InductionTask.MAX_CYCLE);
            for (Set<Integer> successors : next.values()) {
                steps++;
                jumps += successors.size() > 1 ? 1 : 0;
            }
        }
        assertTrue(jumps > 0 && jumps < steps / 2, jumps + " words with two successors of " + steps);
    }

    @Test
    void inductionTargetsAreUnambiguousEarlierSuccessors() {
        //             0  1  2  3  4  5  6  7  8  9
        int[] tokens = {5, 6, 7, 5, 6, 9, 6, 5, 6, 2};
        boolean[] s = InductionTask.inductionTargets(tokens);
        // t=3: 5 was followed by 6, next is 6 → scored. t=4: 6 was followed by 7, next is 9 → not (and 6 is ambiguous from now on).
        // t=6: 6 is ambiguous. t=7: 5 → 6, next 6 → scored. t=8: 6 ambiguous.
        assertArrayEquals(new boolean[] {false, false, false, true, false, false, false, true, false, false}, s);
    }

    @Test
    void batchesScoreOnlyInductionPositions() {
        Gpt2Trainer.Batch batch = InductionTask.batches(32).next(new SplittableRandom(5), 16);
        assertEquals(16, batch.tokens().length);
        for (int b = 0; b < 16; b++) {
            assertArrayEquals(InductionTask.inductionTargets(batch.tokens()[b]), batch.scored()[b]);
            assertFalse(batch.scored()[b][31]);
        }
    }

    @Test
    void accuracyCountsTheSecondOccurrenceOnly() {
        List<InductionTask.Sequence> seqs = InductionTask.sample(8, 3, 32);
        float[][][] logits = new float[3][32][64];
        long expected = 0;
        for (int i = 0; i < 3; i++) {
            InductionTask.Sequence s = seqs.get(i);
            for (int t = 0; t + 1 < 32; t++) {
                logits[i][t][s.tokens()[t + 1]] = 20f;  // a perfect predictor everywhere
            }
            expected += s.pattern() - 1;
        }
        InductionTask.Accuracy perfect = InductionTask.secondOccurrenceAccuracy(seqs, logits);
        assertEquals(expected, perfect.total());
        assertEquals(1.0, perfect.fraction());
        assertTrue(perfect.loss() < 1e-3);
        InductionTask.Accuracy uniform = InductionTask.secondOccurrenceAccuracy(seqs, new float[3][32][64]);
        assertEquals(Math.log(64), uniform.loss(), 1e-9);
    }
}
