package org.eapexplorer.tasks;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * What a generated pair must satisfy for EAP under a given tokenizer: clean and corrupted prompts of the
 * same, non-zero token length (positions must line up when activations are swapped), and answers and
 * distractors that are each exactly one vocabulary token, with no token on both sides.
 */
public final class PromptChecks {

    private PromptChecks() {
    }

    /** @throws IllegalArgumentException naming the first problem */
    public static void requireValid(PromptPair pair, Tokenizer tokenizer) {
        int clean = tokenizer.encode(pair.clean()).length;
        int corrupted = tokenizer.encode(pair.corrupted()).length;
        if (clean == 0 || clean != corrupted) {
            throw new IllegalArgumentException("clean has " + clean + " tokens, corrupted " + corrupted + ": "
                    + pair.clean() + " | " + pair.corrupted());
        }
        Set<Integer> answers = singleTokens(pair.answers(), tokenizer, "answer");
        Set<Integer> distractors = singleTokens(pair.distractors(), tokenizer, "distractor");
        answers.retainAll(distractors);
        if (!answers.isEmpty()) {
            throw new IllegalArgumentException("token ids " + answers + " are both answer and distractor");
        }
    }

    private static Set<Integer> singleTokens(List<String> words, Tokenizer tokenizer, String role) {
        Set<Integer> ids = new HashSet<>();
        for (String word : words) {
            OptionalInt id = tokenizer.tokenId(word);
            int[] encoded = tokenizer.encode(word);
            if (id.isEmpty() || encoded.length != 1 || encoded[0] != id.getAsInt()) {
                throw new IllegalArgumentException(role + " \"" + word + "\" is not a single token");
            }
            if (!ids.add(id.getAsInt())) {
                throw new IllegalArgumentException(role + " \"" + word + "\" is listed twice");
            }
        }
        return ids;
    }
}
