package org.eapexplorer.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Prompt pairs for the induction model (see {@link InductionTask}). A clean prompt is a repeated sequence cut
 * just before an induced word: {@code filler, p0 … p(n-1), p0 … pk} with answer {@code p(k+1)}, the word
 * that followed {@code pk} in the first occurrence. Every word of the filler and the pattern is distinct,
 * so the answer is unambiguous. Each corrupted prompt changes one input of the induction mechanism, so that
 * induction now points at another word, which is the distractor (metric: logit difference):
 *
 * <ul>
 *   <li>{@link Corruption#VALUE}: the first occurrence's {@code p(k+1)} is replaced by a word that is not in
 *       the prompt: the induction head attends where it did, but copies the new word.</li>
 *   <li>{@link Corruption#KEY}: in the first occurrence, {@code pk} swaps places with a {@code pj} at least two
 *       positions away: the current word's earlier occurrence, which the previous-token head marks for the
 *       induction head's key, now precedes {@code p(j+1)}.</li>
 *   <li>{@link Corruption#QUERY}: the last word {@code pk} becomes another pattern word {@code pj}: the
 *       induction head's query looks for {@code pj} and copies {@code p(j+1)}.</li>
 * </ul>
 * Pair i uses corruption {@code i mod 3}, so a set exercises the value, key and query paths alike. Clean and
 * corrupted prompts have the same number of words (one token each). Sampling uses {@link java.util.Random},
 * so a seed gives the same pairs on every JVM.
 */
public final class InductionPromptGenerator {

    public static final long DEFAULT_SEED = 3L;
    public static final int DEFAULT_COUNT = 99;
    public static final int MIN_PATTERN = 5;
    public static final int MAX_PATTERN = 12;
    public static final int MAX_FILLER = 8;

    /** What the corrupted prompt changes. */
    public enum Corruption { VALUE, KEY, QUERY }

    /**
     * One generated pair, as word ids of {@link InductionTask#vocabulary()}.
     *
     * @param answer     the clean prompt's induced word
     * @param distractor the corrupted prompt's induced word
     */
    public record Pair(int[] clean, int[] corrupted, int answer, int distractor, Corruption corruption) {

        public PromptPair toPromptPair() {
            return PromptPair.logitDiff(text(clean), text(corrupted), word(answer), word(distractor));
        }
    }

    private final Tokenizer tokenizer;

    /** @param tokenizer the model's tokenizer, against which every pair is checked (null: no check) */
    public InductionPromptGenerator(Tokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    /** {@code n} pairs, the same for the same seed. */
    public List<PromptPair> generate(int n, long seed) {
        List<PromptPair> out = new ArrayList<>(n);
        for (Pair pair : generatePairs(n, seed)) {
            PromptPair p = pair.toPromptPair();
            if (tokenizer != null) {
                PromptChecks.requireValid(p, tokenizer);
            }
            out.add(p);
        }
        return out;
    }

    /** {@code n} pairs as word ids. */
    public static List<Pair> generatePairs(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n);
        }
        Random rng = new Random(seed);
        List<Pair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(pair(rng, Corruption.values()[i % 3]));
        }
        return out;
    }

    private static Pair pair(Random rng, Corruption corruption) {
        int n = MIN_PATTERN + rng.nextInt(MAX_PATTERN - MIN_PATTERN + 1);
        int f = rng.nextInt(MAX_FILLER + 1);
        int k = rng.nextInt(n - 1);                      // last word p_k, answer p_(k+1)
        int[] words = shuffledWords(rng);
        int[] pattern = Arrays.copyOfRange(words, f, f + n);
        int[] clean = new int[f + n + k + 1];
        System.arraycopy(words, 0, clean, 0, f + n);
        System.arraycopy(pattern, 0, clean, f + n, k + 1);
        int[] corrupted = clean.clone();
        int answer = pattern[k + 1];
        int distractor;
        switch (corruption) {
            case VALUE -> {
                distractor = words[f + n];               // a word not in the prompt
                corrupted[f + k + 1] = distractor;
            }
            case KEY -> {
                int j = other(rng, n, k, 2);
                corrupted[f + k] = pattern[j];
                corrupted[f + j] = pattern[k];
                distractor = pattern[j + 1];
            }
            case QUERY -> {
                int j = pickAvoiding(rng, n, k - 1, k);  // not p_(k-1): the prompt would end "p_(k-1) p_(k-1)"
                corrupted[corrupted.length - 1] = pattern[j];
                distractor = pattern[j + 1];
            }
            default -> throw new IllegalStateException(corruption.name());
        }
        return new Pair(clean, corrupted, answer, distractor, corruption);
    }

    /** A j in 0..n-2 with |j − k| ≥ gap (n ≥ 5 guarantees one for gap 2). */
    private static int other(Random rng, int n, int k, int gap) {
        List<Integer> options = new ArrayList<>();
        for (int j = 0; j <= n - 2; j++) {
            if (Math.abs(j - k) >= gap) {
                options.add(j);
            }
        }
        return options.get(rng.nextInt(options.size()));
    }

    private static int pickAvoiding(Random rng, int n, int a, int b) {
        List<Integer> options = new ArrayList<>();
        for (int j = 0; j <= n - 2; j++) {
            if (j != a && j != b) {
                options.add(j);
            }
        }
        return options.get(rng.nextInt(options.size()));
    }

    /** Word ids 1..63 in a random order. */
    private static int[] shuffledWords(Random rng) {
        int[] ids = new int[InductionTask.WORDS.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        for (int i = ids.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = ids[i];
            ids[i] = ids[j];
            ids[j] = tmp;
        }
        return ids;
    }

    static String word(int id) {
        return InductionTask.vocabulary().get(id);
    }

    static String text(int[] ids) {
        return Arrays.stream(ids).mapToObj(InductionPromptGenerator::word).collect(Collectors.joining(" "));
    }

    /** Usage: {@code [modelDir [outFile [n [seed]]]]}; defaults: assets/models/induction-2l, stdout, 99, 3. */
    public static void main(String[] args) throws IOException {
        Path modelDir = Path.of(args.length > 0 ? args[0] : "assets/models/induction-2l");
        int n = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_COUNT;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        try (Tokenizer tokenizer = Tokenizer.load(modelDir)) {
            List<PromptPair> pairs = new InductionPromptGenerator(tokenizer).generate(n, seed);
            if (args.length > 1) {
                PromptJsonl.write(Path.of(args[1]), pairs);
            } else {
                System.out.print(PromptJsonl.toJsonl(pairs));
            }
        }
    }
}
