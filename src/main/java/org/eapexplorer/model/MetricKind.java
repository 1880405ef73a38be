package org.eapexplorer.model;

/**
 * Task metrics read at the clean prompt's last token. Both are linear in a per-prompt weight vector over
 * the vocabulary (answers +, distractors −), applied to the logits or to the softmax probabilities.
 */
public enum MetricKind {
    /** logit(answer) − logit(distractor); with lists, mean answer logit − mean distractor logit. */
    LOGIT_DIFF("logit_diff"),
    /** Σ p(answers) − Σ p(distractors), softmax over the whole vocabulary (Greater-Than's metric). */
    PROB_DIFF("prob_diff"),
    /**
     * logit(answer) − the largest distractor logit (mean over several answers): ACDC's docstring metric, whose
     * gradient reaches only the strongest distractor.
     */
    MAX_LOGIT_DIFF("max_logit_diff");

    private final String jsonName;

    MetricKind(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    public static MetricKind fromJsonName(String name) {
        for (MetricKind kind : values()) {
            if (kind.jsonName.equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown metric '" + name + "' (expected logit_diff, prob_diff or max_logit_diff)");
    }
}
