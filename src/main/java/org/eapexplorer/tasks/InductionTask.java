package org.eapexplorer.tasks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.eapexplorer.tokenizer.WordLevelTokenizer;
import org.eapexplorer.training.Gpt2Trainer;

/**
 * The induction task of the built-in model (Olsson et al. 2022, "In-context learning and induction heads"):
 * [A][B] … [A] → [B], the next word is the word that followed the current word earlier in the context.
 *
 * <p><b>Training data</b> ({@link #walk}): each sequence picks a random set of 6–20 words and a random cyclic
 * order on them (every word has one successor), then walks that cycle from a random word, jumping to a random
 * word of the set with probability {@value #JUMP_PROBABILITY} at each step. The loss counts the positions whose
 * next word is given by induction: the current word occurred before, every earlier occurrence was followed by
 * the same word, and the next word is that word. Because segments recur in a random order and at random
 * distances, neither the positions nor "the first word not yet repeated" predict the next word; matching the
 * current word against earlier context is what works. (Trained on plain repeats of distinct words, the
 * evaluation data, a model of this size reached 100 % without forming induction heads.)
 *
 * <p><b>Evaluation data</b> ({@link #sample}): {@code filler} (0–{@value #MAX_FILLER} words), a {@code pattern}
 * of {@value #MIN_PATTERN}–{@value #MAX_PATTERN} words, then the pattern again and again up to the length; all
 * filler and pattern words distinct, so every induction target is unambiguous. Accuracy is measured on the
 * second occurrence.
 *
 * <p>Vocabulary: {@value WordLevelTokenizer#UNK} (id 0, never in a sequence) and the {@link #WORDS}, ids 1–63.
 */
public final class InductionTask {

    public static final int MIN_PATTERN = 4;
    public static final int MAX_PATTERN = 12;
    public static final int MAX_FILLER = 8;
    /** The seed of the held-out sequences on which the model card reports accuracy (not a training seed). */
    public static final long HELD_OUT_SEED = 20_240_601L;
    public static final int MIN_CYCLE = 6;
    public static final int MAX_CYCLE = 20;
    public static final double JUMP_PROBABILITY = 0.2;

    /** 63 short English nouns; with {@code <unk>} a vocabulary of 64. */
    public static final List<String> WORDS = List.of(
            "apple", "bread", "chair", "cloud", "dog", "river", "stone", "lamp", "house", "tree", "moon", "star", "fish",
            "bird", "car", "door", "book", "cup", "hat", "key", "ring", "shoe", "ship", "train", "boat", "road", "hill",
            "lake", "sand", "snow", "rain", "wind", "fire", "leaf", "rose", "milk", "salt", "gold", "iron", "silk", "wool",
            "glass", "paper", "coin", "drum", "bell", "flag", "map", "nest", "owl", "fox", "wolf", "bear", "frog", "duck",
            "goat", "horse", "mouse", "tiger", "zebra", "piano", "clock", "table");

    /**
     * One training or evaluation sequence.
     *
     * @param filler  number of filler words before the pattern
     * @param pattern length of the repeated pattern; its first occurrence starts at {@code filler}
     */
    public record Sequence(int[] tokens, int filler, int pattern) {

        /** Position of the first word of the second occurrence. */
        public int secondStart() {
            return filler + pattern;
        }

        /** Positions whose next word is predictable by induction: from the second occurrence on. */
        public boolean[] scored() {
            boolean[] s = new boolean[tokens.length];
            for (int t = secondStart(); t + 1 < tokens.length; t++) {
                s[t] = true;
            }
            return s;
        }
    }

    private InductionTask() {
    }

    /** {@code <unk>} then the words: token i has id i. */
    public static List<String> vocabulary() {
        List<String> v = new ArrayList<>();
        v.add(WordLevelTokenizer.UNK);
        v.addAll(WORDS);
        return v;
    }

    public static int vocabSize() {
        return WORDS.size() + 1;
    }

    /** A random sequence of {@code length} tokens (at least 2·{@value #MIN_PATTERN}). */
    public static Sequence sample(SplittableRandom random, int length) {
        if (length < 2 * MIN_PATTERN) {
            throw new IllegalArgumentException("sequences need at least " + 2 * MIN_PATTERN + " tokens, got " + length);
        }
        int pattern = MIN_PATTERN + random.nextInt(Math.min(MAX_PATTERN, length / 2) - MIN_PATTERN + 1);
        int filler = random.nextInt(Math.min(MAX_FILLER, length - 2 * pattern) + 1);
        int[] distinct = distinctWords(random, filler + pattern);
        int[] tokens = new int[length];
        for (int t = 0; t < length; t++) {
            tokens[t] = t < filler + pattern ? distinct[t] : distinct[filler + (t - filler) % pattern];
        }
        return new Sequence(tokens, filler, pattern);
    }

    /** {@code n} sequences of {@code length} tokens from {@code seed}. */
    public static List<Sequence> sample(long seed, int n, int length) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sequence> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(sample(random, length));
        }
        return out;
    }

    /** Training batches of {@link #walk} sequences of {@code length} tokens. */
    public static Gpt2Trainer.BatchSource batches(int length) {
        return (random, size) -> {
            int[][] tokens = new int[size][];
            boolean[][] scored = new boolean[size][];
            for (int b = 0; b < size; b++) {
                do {
                    tokens[b] = walk(random, length);
                    scored[b] = inductionTargets(tokens[b]);
                } while (!any(scored[b]));
            }
            return new Gpt2Trainer.Batch(tokens, scored);
        };
    }

    /** A walk of {@code length} words on a random cycle of 6–20 words, with random jumps (see the class comment). */
    public static int[] walk(SplittableRandom random, int length) {
        int k = MIN_CYCLE + random.nextInt(MAX_CYCLE - MIN_CYCLE + 1);
        int[] cycle = distinctWords(random, k);          // cycle[i] is followed by cycle[(i + 1) % k]
        int[] tokens = new int[length];
        int at = random.nextInt(k);
        for (int t = 0; t < length; t++) {
            tokens[t] = cycle[at];
            at = random.nextDouble() < JUMP_PROBABILITY ? random.nextInt(k) : (at + 1) % k;
        }
        return tokens;
    }

    /**
     * Positions t whose next word is given by induction: tokens[t] occurred before at least once with a word after
     * it, every such earlier occurrence was followed by one and the same word, and tokens[t + 1] is that word.
     */
    public static boolean[] inductionTargets(int[] tokens) {
        boolean[] scored = new boolean[tokens.length];
        Map<Integer, Integer> successor = new HashMap<>();
        Set<Integer> ambiguous = new HashSet<>();
        for (int t = 0; t + 1 < tokens.length; t++) {
            Integer seen = successor.get(tokens[t]);
            scored[t] = seen != null && !ambiguous.contains(tokens[t]) && seen == tokens[t + 1];
            if (seen == null) {
                successor.put(tokens[t], tokens[t + 1]);
            } else if (seen != tokens[t + 1]) {
                ambiguous.add(tokens[t]);
            }
        }
        return scored;
    }

    private static boolean any(boolean[] values) {
        for (boolean v : values) {
            if (v) {
                return true;
            }
        }
        return false;
    }

    /** The word ids of {@code n} distinct words in random order (a partial Fisher–Yates shuffle of ids 1..63). */
    static int[] distinctWords(SplittableRandom random, int n) {
        int[] ids = new int[WORDS.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        for (int i = 0; i < n; i++) {
            int j = i + random.nextInt(ids.length - i);
            int tmp = ids[i];
            ids[i] = ids[j];
            ids[j] = tmp;
        }
        return Arrays.copyOf(ids, n);
    }

    /**
     * Top-1 accuracy on the second occurrence: at every position t from the second occurrence's first word up
     * to its second-to-last, is the most likely next token the word that followed at t − pattern?
     *
     * @param logits [sequence][position][vocab], as from {@code Gpt2Probe.allLogits} or {@code Gpt2Trainer.logits}
     */
    public static Accuracy secondOccurrenceAccuracy(List<Sequence> sequences, float[][][] logits) {
        long correct = 0;
        long total = 0;
        double loss = 0;
        for (int i = 0; i < sequences.size(); i++) {
            Sequence s = sequences.get(i);
            int end = Math.min(s.secondStart() + s.pattern() - 1, s.tokens().length - 1);
            for (int t = s.secondStart(); t < end; t++) {
                float[] row = logits[i][t];
                int target = s.tokens()[t + 1];
                int best = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int v = 0; v < row.length; v++) {
                    if (row[v] > max) {
                        max = row[v];
                        best = v;
                    }
                }
                double sum = 0;
                for (float x : row) {
                    sum += Math.exp(x - max);
                }
                loss += Math.log(sum) + max - row[target];
                correct += best == target ? 1 : 0;
                total++;
            }
        }
        return new Accuracy(correct, total, loss / total);
    }

    /** @param loss mean cross-entropy (nats) over the counted positions */
    public record Accuracy(long correct, long total, double loss) {
        public double fraction() {
            return total == 0 ? Double.NaN : correct / (double) total;
        }
    }
}
