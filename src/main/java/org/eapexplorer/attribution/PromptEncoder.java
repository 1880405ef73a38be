package org.eapexplorer.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Tokenises a prompt set for one model, refusing what EAP cannot use: clean and corrupted prompts of
 * different token lengths (their positions would not line up), answers or distractors that are not
 * single tokens, prompts longer than the model's context. This is the one place prompts become token ids, and
 * {@link #bosFor} the one place their BOS is decided: every clean and corrupted prompt starts with exactly one BOS when
 * the model has one (a model whose config.json says {@code "prepend_bos": true} gets its {@code bos_token_id}, as
 * TransformerLens's {@code to_tokens} does and ACDC's docstring task expects; a Llama its tokenizer's {@code <s>}), and
 * answers and distractors are tokenised without one.
 */
public final class PromptEncoder {

    private PromptEncoder() {
    }

    /** The prompts as {@code model} reads them: its BOS token ({@link #bosFor}) in front, at most its context long. */
    public static List<TokenizedPair> encode(PromptSet set, Tokenizer tokenizer, ModelConfig model) {
        return encode(set, tokenizer, model.nPositions(), bosFor(model, tokenizer));
    }

    /**
     * The one token every prompt of {@code model} starts with, or empty for none: config.json's ({@code "prepend_bos":
     * true} with {@code bos_token_id}, TransformerLens's convention) when it names one, else the one the tokenizer's own
     * file puts in front of every text ({@link Tokenizer#bosToken()}: Llama's {@code <s>} or {@code <|begin_of_text|>}
     * through its {@code TemplateProcessing} post-processor). Never both: a model reads one BOS. GPT-2, Qwen2 and
     * Pythia get none (their tokenizers add none, and GPT-2 was trained without one).
     */
    public static OptionalInt bosFor(ModelConfig model, Tokenizer tokenizer) {
        return model.bosToken().isPresent() ? model.bosToken() : tokenizer.bosToken();
    }

    /**
     * How {@code model} reads prompts where that differs from GPT-2, its BOS included whichever file decides it
     * ({@link ModelConfig#inputConventions()} with {@link #bosFor}): "Llama, 4 query / 2 key-value heads, rotary, BOS 41
     * prepended", for the status line and the CLI's messages.
     */
    public static String inputConventions(ModelConfig model, Tokenizer tokenizer) {
        try {
            return model.withBosToken(bosFor(model, tokenizer)).inputConventions();
        } catch (IllegalArgumentException e) {
            return model.inputConventions();  // a tokenizer BOS outside the model's vocabulary: encoding will say so
        }
    }

    /**
     * @param bos token id put in front of every clean and corrupted prompt; empty for none
     */
    public static List<TokenizedPair> encode(PromptSet set, Tokenizer tokenizer, int maxPositions, OptionalInt bos) {
        List<TokenizedPair> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            PromptPair pair = set.pairs().get(i);
            String where = set.source() + ":" + set.lineNumbers().get(i) + ": ";
            requireCanFit(tokenizer, pair.clean(), "clean", maxPositions, bos, where);
            requireCanFit(tokenizer, pair.corrupted(), "corrupted", maxPositions, bos, where);
            int[] clean = withBos(bos, tokenizer.encode(pair.clean()));
            int[] corrupted = withBos(bos, tokenizer.encode(pair.corrupted()));
            if (clean.length != corrupted.length) {
                throw new IllegalArgumentException(where + "clean and corrupted prompts must have the same number of tokens, "
                        + "but clean has " + clean.length + " " + List.of(tokenizer.tokens(clean))
                        + " and corrupted " + corrupted.length + " " + List.of(tokenizer.tokens(corrupted)));
            }
            if (clean.length == (bos.isPresent() ? 1 : 0)) {
                throw new IllegalArgumentException(where + "the clean prompt is empty");
            }
            if (clean.length > maxPositions) {
                throw new IllegalArgumentException(where + "the prompt has " + clean.length
                        + " tokens" + (bos.isPresent() ? " (the BOS token included)" : "") + ", more than the model's context of " + maxPositions);
            }
            int[] answers = singleTokens(tokenizer, pair.answers(), "answer", where);
            int[] distractors = singleTokens(tokenizer, pair.distractors(), "distractor", where);
            requireDistinct(pair, answers, distractors, where);
            out.add(new TokenizedPair(clean, corrupted, answers, distractors));
        }
        return out;
    }

    /**
     * Refuses, before tokenising it, a prompt with more characters than any text of {@code maxPositions} tokens can have
     * (a line of megabytes would otherwise be tokenised whole, taking seconds and gigabytes, only to be refused).
     */
    private static void requireCanFit(Tokenizer tokenizer, String prompt, String role, int maxPositions, OptionalInt bos, String where) {
        long least = tokenizer.minTokens(prompt) + (bos.isPresent() ? 1 : 0);
        if (least > maxPositions) {
            throw new IllegalArgumentException(where + "the " + role + " prompt has " + prompt.length() + " characters, at least "
                    + least + " tokens" + (bos.isPresent() ? " (the BOS token included)" : "") + ", more than the model's context of "
                    + maxPositions + " (n_positions)");
        }
    }

    /**
     * The metric compares answers with distractors: the same token id on both sides (two spellings can be one token) or
     * twice on one side would be compared with itself or counted twice.
     */
    private static void requireDistinct(PromptPair pair, int[] answers, int[] distractors, String where) {
        List<String> words = new ArrayList<>(pair.answers());
        words.addAll(pair.distractors());
        int[] ids = new int[answers.length + distractors.length];
        System.arraycopy(answers, 0, ids, 0, answers.length);
        System.arraycopy(distractors, 0, ids, answers.length, distractors.length);
        java.util.Map<Integer, Integer> firstAt = new java.util.HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            Integer j = firstAt.putIfAbsent(ids[i], i);
            if (j != null) {
                String first = (j < answers.length ? "answer" : "distractor") + " \"" + words.get(j) + "\"";
                String second = (i < answers.length ? "answer" : "distractor") + " \"" + words.get(i) + "\"";
                throw new IllegalArgumentException(where + first + " and " + second + " are the same token (id " + ids[i] + ")"
                        + (i >= answers.length && j < answers.length ? ": the metric would compare it with itself" : ""));
            }
        }
    }

    /**
     * {@code ids} with {@code bos} in front, unless they already start with it: a prompt file that writes the BOS itself
     * ("<s>When Mary…", as some datasets store prompts) gets it once, not twice as Hugging Face's tokenizers would give it.
     */
    private static int[] withBos(OptionalInt bos, int[] ids) {
        if (bos.isEmpty() || (ids.length > 0 && ids[0] == bos.getAsInt())) {
            return ids;
        }
        int[] out = new int[ids.length + 1];
        out[0] = bos.getAsInt();
        System.arraycopy(ids, 0, out, 1, ids.length);
        return out;
    }

    private static int[] singleTokens(Tokenizer tokenizer, List<String> words, String role, String where) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            String word = words.get(i);
            OptionalInt id = tokenizer.tokenId(word);
            if (id.isEmpty() && word.length() > 200) {
                throw new IllegalArgumentException(where + role + " has " + word.length() + " characters: not a single token");
            }
            if (id.isEmpty()) {
                int[] pieces = tokenizer.encode(word);
                throw new IllegalArgumentException(where + role + " \"" + word + "\" is not a single token: it tokenizes as "
                        + List.of(tokenizer.tokens(pieces)) + (word.isEmpty() || word.startsWith(" ") ? ""
                        : " (GPT-2 tokens after a space start with one: did you mean \" " + word + "\"?)"));
            }
            ids[i] = id.getAsInt();
        }
        return ids;
    }
}
