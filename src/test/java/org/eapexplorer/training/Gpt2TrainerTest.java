package org.eapexplorer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.tokenizer.WordLevelTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer on tiny models: it learns, it is repeatable, and what it saves is what it trained. */
class Gpt2TrainerTest {

    /** 2 layers × 2 heads, d_model 16, n_inner 24 (not 4·d, so the loader must honour n_inner), 16 words, context 12. */
    static final ModelConfig TINY = new ModelConfig(2, 2, 16, 24, 12, 16, 1e-5, Activation.GELU_TANH);

    @TempDir
    Path dir;

    /**
     * Sequences that walk a fixed cycle 1 → 2 → … → 15 → 1 from a random start: the next token is a function of
     * the current one, learnable in the weights. Chance level is ln 16 ≈ 2.77 nats.
     */
    static Gpt2Trainer.Batch cycleBatch(SplittableRandom random, int size) {
        int[][] tokens = new int[size][TINY.nPositions()];
        boolean[][] scored = new boolean[size][TINY.nPositions()];
        for (int b = 0; b < size; b++) {
            int at = random.nextInt(15);
            for (int t = 0; t < TINY.nPositions(); t++) {
                tokens[b][t] = 1 + (at + t) % 15;
                scored[b][t] = t + 1 < TINY.nPositions();
            }
        }
        return new Gpt2Trainer.Batch(tokens, scored);
    }

    @Test
    void lossFallsWellBelowChanceInAFewSeconds() {
        try (Gpt2Trainer trainer = Gpt2Trainer.create(TINY, 7, ComputeDevice.CPU)) {
            Gpt2Trainer.Batch probe = cycleBatch(new SplittableRandom(99), 32);
            double before = trainer.loss(probe);
            assertEquals(Math.log(16), before, 0.3, "an untrained model is near chance");
            List<Gpt2Trainer.LogEntry> log = trainer.train(new Gpt2Trainer.Options(150, 16, 1e-2, 10, 1.0, 50),
                    Gpt2TrainerTest::cycleBatch, e -> { });
            double after = trainer.loss(probe);
            System.out.printf("tiny trainer: loss %.3f -> %.4f in %.1f s%n", before, after, log.get(log.size() - 1).elapsedSeconds());
            assertEquals(3, log.size());
            assertEquals(150, trainer.stepsDone());
            assertTrue(after < 0.1, "held-out loss after 150 steps: " + after);
            assertTrue(log.get(2).loss() < log.get(0).loss(), "the logged training loss falls: " + log);
        }
    }

    @Test
    void theSavedModelIsTheTrainedModel() throws Exception {
        List<int[]> prompts = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 4; i++) {
            int[] p = new int[TINY.nPositions()];
            for (int t = 0; t < p.length; t++) {
                p[t] = random.nextInt(TINY.vocabSize());
            }
            prompts.add(p);
        }
        float[][][] trained;
        List<String> vocab = new ArrayList<>(List.of(WordLevelTokenizer.UNK));
        for (int i = 1; i < TINY.vocabSize(); i++) {
            vocab.add("w" + i);
        }
        try (Gpt2Trainer trainer = Gpt2Trainer.create(TINY, 11, ComputeDevice.CPU)) {
            trainer.train(new Gpt2Trainer.Options(20, 8, 1e-2, 2, 1.0, 20), Gpt2TrainerTest::cycleBatch, e -> { });
            trained = trainer.logits(prompts);
            trainer.save(dir, vocab, Map.of());
        }
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(dir)) {
            assertEquals(TINY, model.config(), "config.json round-trips, n_inner included");
            assertEquals(TINY.vocabSize(), tokenizer.vocabSize());
            assertEquals(5, tokenizer.tokenId("w5").orElseThrow());
            for (int i = 0; i < prompts.size(); i++) {
                float[][] loaded = model.allLogits(prompts.get(i));
                for (int t = 0; t < loaded.length; t++) {
                    assertArrayEquals(trained[i][t], loaded[t], 1e-5f, "prompt " + i + " position " + t);
                }
            }
        }
    }

    @Test
    void oneSeedOneModel() {
        float[][][] a = trainBriefly(5);
        float[][][] b = trainBriefly(5);
        float[][][] c = trainBriefly(6);
        for (int t = 0; t < a[0].length; t++) {
            assertArrayEquals(a[0][t], b[0][t], 0f, "same seed, position " + t);
        }
        assertTrue(Math.abs(a[0][0][1] - c[0][0][1]) > 1e-6, "another seed, another model");
    }

    private static float[][][] trainBriefly(long seed) {
        try (Gpt2Trainer trainer = Gpt2Trainer.create(TINY, seed, ComputeDevice.CPU)) {
            // A source that draws from the trainer's data stream, so the data depend on the seed too.
            trainer.train(new Gpt2Trainer.Options(5, 4, 1e-2, 1, 1.0, 5), Gpt2TrainerTest::cycleBatch, e -> { });
            return trainer.logits(List.of(new int[] {1, 2, 3, 4, 5, 6}));
        }
    }

    @Test
    void malformedBatchesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Gpt2Trainer.Batch(new int[][] {{1, 2}}, new boolean[][] {{false, true}}),
                "the last position has no next token");
        assertThrows(IllegalArgumentException.class, () -> new Gpt2Trainer.Batch(new int[][] {{1, 2}, {1, 2, 3}},
                new boolean[][] {{true, false}, {true, false, false}}));
        assertThrows(IllegalArgumentException.class, () -> new Gpt2Trainer.Batch(new int[][] {{1, 2}}, new boolean[][] {{false, false}}));
        assertThrows(IllegalArgumentException.class, () -> new Gpt2Trainer.Options(10, 4, 0, 1, 1, 5));
    }

    @Test
    void learningRateWarmsUpThenDecaysToATenth() {
        Gpt2Trainer.Options o = new Gpt2Trainer.Options(100, 4, 1e-3, 10, 1, 10);
        assertEquals(1e-4, o.learningRate(1), 1e-12);
        assertEquals(1e-3, o.learningRate(10), 1e-12);
        assertTrue(o.learningRate(50) < 1e-3 && o.learningRate(50) > 1e-4);
        assertEquals(1e-4, o.learningRate(100), 1e-12);
    }
}
