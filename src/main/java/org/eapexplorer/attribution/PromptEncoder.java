package org.eapexplorer.attribution;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.eapexplorer.engine.Tokenizer;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;

/**
 * Tokenises a prompt set for one model, refusing what EAP cannot use: clean and corrupted prompts of
 * different token lengths (their positions would not line up), answers or distractors that are not
 * single tokens, prompts longer than the model's context.
 */
public final class PromptEncoder {

    private PromptEncoder() {
    }

    public static List<TokenizedPair> encode(PromptSet set, Tokenizer tokenizer, int maxPositions) {
        List<TokenizedPair> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            PromptPair pair = set.pairs().get(i);
            String where = set.source() + ":" + set.lineNumbers().get(i) + ": ";
            int[] clean = tokenizer.encode(pair.clean());
            int[] corrupted = tokenizer.encode(pair.corrupted());
            if (clean.length != corrupted.length) {
                throw new IllegalArgumentException(where + "clean and corrupted prompts must have the same number of tokens, "
                        + "but clean has " + clean.length + " " + List.of(tokenizer.tokens(clean))
                        + " and corrupted " + corrupted.length + " " + List.of(tokenizer.tokens(corrupted)));
            }
            if (clean.length == 0) {
                throw new IllegalArgumentException(where + "the clean prompt is empty");
            }
            if (clean.length > maxPositions) {
                throw new IllegalArgumentException(where + "the prompt has " + clean.length
                        + " tokens, more than the model's context of " + maxPositions);
            }
            out.add(new TokenizedPair(clean, corrupted, singleTokens(tokenizer, pair.answers(), "answer", where),
                    singleTokens(tokenizer, pair.distractors(), "distractor", where)));
        }
        return out;
    }

    private static int[] singleTokens(Tokenizer tokenizer, List<String> words, String role, String where) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            String word = words.get(i);
            OptionalInt id = tokenizer.tokenId(word);
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
