package org.eapexplorer.tasks;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Indirect Object Identification prompts (Wang et al. 2022, arXiv:2211.00593), with the word lists of
 * ACDC's {@code acdc/ioi/ioi_dataset.py} (bundled as {@code ioi_acdc_lists.json}).
 *
 * <p>A clean prompt is one of the 15 BABA or 15 ABBA templates with its final {@code [A]} removed, filled
 * with the indirect object IO in {@code [A]}, the subject S in both {@code [B]}s, a place and an object:
 * "Then, Mary and John went to the store. John gave a drink to" → answer " Mary", distractor " John".
 * The corrupted prompt is the "ABC" version used by ACDC and the EAP paper: the same template, place and
 * object with the three name slots ({@code [A]}, first {@code [B]}, second {@code [B]}) filled with three
 * further names, distinct from each other and from IO and S, so that it carries no IOI signal.
 *
 * <p>Only names that are one GPT-2 token with their leading space are used, so clean and corrupted
 * prompts always have the same token length (checked for every pair). Sampling uses
 * {@link java.util.Random} (its algorithm is fixed by its specification), so a seed gives the same
 * prompts on every JVM; they are not ACDC's prompts, which came from Python's and NumPy's generators.
 * ACDC's own 200 prompts are available through {@link #acdcReference(Tokenizer)}.
 */
public final class IoiPromptGenerator {

    public static final long DEFAULT_SEED = 0L;
    public static final int DEFAULT_COUNT = 100;

    /** Word lists for IOI prompts; templates end in {@code " [A]"} and hold {@code [B]} at least twice. */
    public record WordLists(List<String> names, List<String> templates, List<String> places, List<String> objects) {

        public WordLists {
            names = List.copyOf(names);
            templates = List.copyOf(templates);
            places = List.copyOf(places);
            objects = List.copyOf(objects);
            if (places.isEmpty() || objects.isEmpty() || templates.isEmpty()) {
                throw new IllegalArgumentException("IOI word lists need templates, places and objects");
            }
            for (String t : templates) {
                if (!t.endsWith(" [A]") || occurrences(t, "[B]") < 2 || occurrences(t, "[A]") < 2) {
                    throw new IllegalArgumentException("IOI template must mention [A] and [B] twice and end in \" [A]\": " + t);
                }
            }
        }

        /** ACDC's NAMES, BABA_TEMPLATES + ABBA_TEMPLATES, PLACES and OBJECTS. */
        public static WordLists acdc() throws IOException {
            JsonObject o = TaskResources.read(TaskResources.IOI_LISTS);
            String src = TaskResources.IOI_LISTS;
            List<String> templates = new ArrayList<>(TaskResources.strings(o, "BABA_TEMPLATES", src));
            templates.addAll(TaskResources.strings(o, "ABBA_TEMPLATES", src));
            return new WordLists(TaskResources.strings(o, "NAMES", src), templates,
                    TaskResources.strings(o, "PLACES", src), TaskResources.strings(o, "OBJECTS", src));
        }
    }

    private final Tokenizer tokenizer;
    private final WordLists lists;
    private final List<String> names;

    /** With ACDC's word lists. */
    public IoiPromptGenerator(Tokenizer gpt2) throws IOException {
        this(gpt2, WordLists.acdc());
    }

    public IoiPromptGenerator(Tokenizer gpt2, WordLists lists) {
        this.tokenizer = gpt2;
        this.lists = lists;
        List<String> single = new ArrayList<>();
        for (String name : lists.names()) {
            if (!single.contains(name) && gpt2.encode(" " + name).length == 1) {
                single.add(name);
            }
        }
        if (single.size() < 5) {
            throw new IllegalArgumentException("only " + single.size() + " names are single tokens with a leading space;"
                    + " IOI needs at least 5 (IO, S and three corrupting names)");
        }
        this.names = List.copyOf(single);
    }

    /** The names in use: those that are one token after a space. */
    public List<String> names() {
        return names;
    }

    public List<String> templates() {
        return lists.templates();
    }

    /** {@code n} clean/ABC pairs, the same for the same seed. */
    public List<PromptPair> generate(int n, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("n = " + n);
        }
        Random rng = new Random(seed);
        List<PromptPair> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String template = pick(lists.templates(), rng);
            String io = pick(names, rng);
            String s = pickOther(rng, io);
            String place = pick(lists.places(), rng);
            String object = pick(lists.objects(), rng);
            String c1 = pickOther(rng, io, s);
            String c2 = pickOther(rng, io, s, c1);
            String c3 = pickOther(rng, io, s, c1, c2);
            String clean = fill(template, io, s, s, place, object);
            String corrupted = fill(template, c1, c2, c3, place, object);
            PromptPair pair = PromptPair.logitDiff(clean, corrupted, " " + io, " " + s);
            PromptChecks.requireValid(pair, tokenizer);
            out.add(pair);
        }
        return out;
    }

    /**
     * ACDC's 200 reference IOI prompts (bundled {@code ioi_prompts_acdc_200.json}: regenerated from
     * ACDC's {@code get_all_ioi_things}; first 100 = validation, last 100 = test; one ABBA template; ABC
     * corruption) in our schema: clean = {@code clean_input}, corrupted = {@code corrupt_input}, answer =
     * " IO", distractor = " S". Every pair is checked against {@code gpt2}.
     */
    public static List<PromptPair> acdcReference(Tokenizer gpt2) throws IOException {
        String src = TaskResources.IOI_ACDC_PROMPTS;
        JsonObject root = TaskResources.read(src);
        List<PromptPair> out = new ArrayList<>();
        for (JsonElement e : root.getAsJsonArray("prompts")) {
            JsonObject p = e.getAsJsonObject();
            PromptPair pair = PromptPair.logitDiff(p.get("clean_input").getAsString(), p.get("corrupt_input").getAsString(),
                    " " + p.get("IO").getAsString(), " " + p.get("S").getAsString());
            try {
                PromptChecks.requireValid(pair, gpt2);
            } catch (IllegalArgumentException ex) {
                throw new IOException(src + ": prompt " + p.get("idx") + ": " + ex.getMessage(), ex);
            }
            out.add(pair);
        }
        return out;
    }

    /** Usage: {@code [tokenizerDir [outFile [n [seed]]]]}; defaults: assets/tokenizers/gpt2, stdout, 100, 0. */
    public static void main(String[] args) throws IOException {
        Path tokenizerDir = args.length > 0 ? Path.of(args[0]) : SamplePrompts.gpt2Tokenizer();
        int n = args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_COUNT;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : DEFAULT_SEED;
        try (Tokenizer gpt2 = Tokenizer.load(tokenizerDir)) {
            List<PromptPair> pairs = new IoiPromptGenerator(gpt2).generate(n, seed);
            if (args.length > 1) {
                PromptJsonl.write(Path.of(args[1]), pairs);
            } else {
                System.out.print(PromptJsonl.toJsonl(pairs));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The template without its final " [A]", names and words filled in; the first [B] gets b1, later ones b2. */
    static String fill(String template, String a, String b1, String b2, String place, String object) {
        String t = template.substring(0, template.length() - " [A]".length())
                .replace("[PLACE]", place)
                .replace("[OBJECT]", object)
                .replace("[A]", a);
        int first = t.indexOf("[B]");
        return t.substring(0, first) + b1 + t.substring(first + 3).replace("[B]", b2);
    }

    private String pickOther(Random rng, String... taken) {
        while (true) {
            String name = pick(names, rng);
            if (!List.of(taken).contains(name)) {
                return name;
            }
        }
    }

    private static String pick(List<String> list, Random rng) {
        return list.get(rng.nextInt(list.size()));
    }

    private static int occurrences(String s, String part) {
        int count = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) {
            count++;
        }
        return count;
    }
}
