package org.eapexplorer.tasks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Greater-Than prompts (Hanna et al. 2023, arXiv:2305.00586) as ACDC builds them in
 * {@code acdc/greaterthan/utils.py}, with its 120 nouns (bundled {@code greaterthan_acdc_nouns.json}).
 *
 * <p>Clean: {@code "The {noun} lasted from the year {XX}{YY} to {XX}"}, e.g. "The contract lasted from the
 * year 1352 to 13" (ACDC's template; {@link Template#HANNA} gives Hanna et al.'s "… to the year 13").
 * Corrupted: the same with YY replaced by "01", which is what ACDC's patching of token position 7 with
 * the token "01" amounts to. Metric: probability difference, answers the two-digit tokens above YY
 * ("53".."99"), distractors those at or below it ("00".."52"), matching ACDC's
 * {@code greaterthan_metric} (Σ p(&gt;YY) − Σ p(≤YY)).
 *
 * <p>Years follow ACDC's rule: for centuries 11..17, the years XX02..XX98 whose {@code " XXYY"} tokenizes
 * as exactly {@code [" XX", "YY"]}, without the first and the last such year of each century. Nouns and
 * years are drawn uniformly with {@link java.util.Random}, so the prompts are reproducible from the seed
 * but are not ACDC's (which used {@code torch.randint} with seed 54).
 */
public final class GreaterThanPromptGenerator {

    public static final long DEFAULT_SEED = 54L;
    public static final int DEFAULT_COUNT = 100;
    public static final String CORRUPT_SUFFIX = "01";

    /** The prompt wording. */
    public enum Template {
        /** ACDC / the EAP paper: "The war lasted from the year 1732 to 17". */
        ACDC("The %s lasted from the year %s%s to %s"),
        /** Hanna et al.: "The war lasted from the year 1732 to the year 17". */
        HANNA("The %s lasted from the year %s%s to the year %s");

        private final String format;

        Template(String format) {
            this.format = format;
        }

        String fill(String noun, String century, String suffix) {
            return String.format(format, noun, century, suffix, century);
        }
    }

    private final Tokenizer tokenizer;
    private final List<String> nouns;
    private final List<String> years;

    /** With ACDC's nouns. */
    public GreaterThanPromptGenerator(Tokenizer gpt2) throws IOException {
        this(gpt2, TaskResources.strings(TaskResources.read(TaskResources.GREATER_THAN_NOUNS), "NOUNS",
                TaskResources.GREATER_THAN_NOUNS));
    }

    public GreaterThanPromptGenerator(Tokenizer gpt2, List<String> nouns) {
        this.tokenizer = gpt2;
        for (String two : twoDigitTokens()) {
            if (gpt2.tokenId(two).isEmpty() || gpt2.encode(two).length != 1) {
                throw new IllegalArgumentException("\"" + two + "\" is not a single token: Greater-Than needs GPT-2's "
                        + "two-digit number tokens");
            }
        }
        List<String> single = new ArrayList<>();
        for (String noun : nouns) {
            if (!single.contains(noun) && gpt2.encode(" " + noun).length == 1) {
                single.add(noun);
            }
        }
        if (single.isEmpty()) {
            throw new IllegalArgumentException("no noun is a single token with a leading space");
        }
        this.nouns = List.copyOf(single);
        this.years = List.copyOf(acdcYears(gpt2));
        if (years.isEmpty()) {
            throw new IllegalArgumentException("no year XXYY tokenizes as [\" XX\", \"YY\"]");
        }
    }

    /** "00", "01", …, "99". */
    public static List<String> twoDigitTokens() {
        List<String> out = new ArrayList<>(100);
        for (int i = 0; i < 100; i++) {
            out.add(String.format("%02d", i));
        }
        return out;
    }

    /** The nouns in use: those that are one token after a space. */
    public List<String> nouns() {
        return nouns;
    }

    /** The valid start years, as 4-digit strings, in ascending order (ACDC's {@code YEARS}). */
    public List<String> years() {
        return years;
    }

    /** ACDC's prompt pairs; see {@link #generate(int, long, Template)}. */
    public List<PromptPair> generate(int n, long seed) {
        return generate(n, seed, Template.ACDC);
    }

    /** {@code n} pairs, the same for the same seed and template. */
    public List<PromptPair> generate(int n, long seed, Template template) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n);
        }
        Random rng = new Random(seed);
        List<String> digits = twoDigitTokens();
        List<PromptPair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String noun = nouns.get(rng.nextInt(nouns.size()));
            String year = years.get(rng.nextInt(years.size()));
            String century = year.substring(0, 2);
            int yy = Integer.parseInt(year.substring(2));
            PromptPair pair = new PromptPair(
                    template.fill(noun, century, year.substring(2)),
                    template.fill(noun, century, CORRUPT_SUFFIX),
                    digits.subList(yy + 1, 100),
                    digits.subList(0, yy + 1),
                    MetricKind.PROB_DIFF);
            PromptChecks.requireValid(pair, tokenizer);
            out.add(pair);
        }
        return out;
    }

    /** Usage: {@code [tokenizerDir [outFile [n [seed [ACDC|HANNA]]]]]}; defaults: assets/tokenizers/gpt2, stdout, 100, 54, ACDC. */
    public static void main(String[] args) throws IOException {
        Path tokenizerDir = args.length > 0 ? Path.of(args[0]) : SamplePrompts.gpt2Tokenizer();
        int n = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_COUNT;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        Template template = args.length > 4 ? Template.valueOf(args[4]) : Template.ACDC;
        try (Tokenizer gpt2 = Tokenizer.load(tokenizerDir)) {
            List<PromptPair> pairs = new GreaterThanPromptGenerator(gpt2).generate(n, seed, template);
            if (args.length > 1) {
                PromptJsonl.write(Path.of(args[1]), pairs);
            } else {
                System.out.print(PromptJsonl.toJsonl(pairs));
            }
        }
    }

    /**
     * ACDC's year filter, plus one check of ours: the corrupted year XX01 must tokenize as
     * {@code [" XX", "01"]} too, so that the corrupted text has the tokens ACDC patches in (centuries where
     * it does not are skipped; for GPT-2 there are none).
     */
    static List<String> acdcYears(Tokenizer tok) {
        List<String> years = new ArrayList<>();
        for (int century = 11; century <= 17; century++) {
            int centuryId = single(tok, " " + century);
            if (centuryId < 0 || !splitsAs(tok, century * 100 + 1, centuryId)) {
                continue;
            }
            List<String> ok = new ArrayList<>();
            for (int year = century * 100 + 2; year < century * 100 + 99; year++) {
                if (splitsAs(tok, year, centuryId)) {
                    ok.add(Integer.toString(year));
                }
            }
            if (ok.size() > 2) {
                years.addAll(ok.subList(1, ok.size() - 1));
            }
        }
        return years;
    }

    /** True if " YEAR" tokenizes as [centuryId, the token of its last two digits]. */
    private static boolean splitsAs(Tokenizer tok, int year, int centuryId) {
        int[] ids = tok.encode(" " + year);
        int suffixId = single(tok, String.format("%02d", year % 100));
        return ids.length == 2 && ids[0] == centuryId && ids[1] == suffixId && suffixId >= 0;
    }

    private static int single(Tokenizer tok, String text) {
        int[] ids = tok.encode(text);
        return ids.length == 1 ? ids[0] : -1;
    }
}
