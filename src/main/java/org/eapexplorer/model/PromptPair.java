package org.eapexplorer.model;

import java.util.List;

/**
 * One clean/corrupted prompt pair with the tokens the metric compares. Answers and distractors are token
 * strings exactly as in the vocabulary's text form (" Mary" with its leading space for GPT-2).
 */
public record PromptPair(String clean, String corrupted, List<String> answers, List<String> distractors, MetricKind metric) {

    public PromptPair {
        answers = List.copyOf(answers);
        distractors = List.copyOf(distractors);
        if (answers.isEmpty() || distractors.isEmpty()) {
            throw new IllegalArgumentException("a prompt pair needs at least one answer and one distractor");
        }
    }

    public static PromptPair logitDiff(String clean, String corrupted, String answer, String distractor) {
        return new PromptPair(clean, corrupted, List.of(answer), List.of(distractor), MetricKind.LOGIT_DIFF);
    }
}
