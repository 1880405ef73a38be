package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;

/**
 * The task metrics as one differentiable expression: m_i = Σ_v W[i, v] · f(logits)[i, v], with f the
 * identity (logit difference) or the softmax (probability difference), and W holding +weights on the
 * answers and −weights on the distractors of prompt i. The max logit difference keeps only the answers in W
 * and subtracts max_v (logits + M)[i, v], where M is 0 on prompt i's distractors and far below any logit
 * elsewhere, so autograd sends the distractor term's gradient to the strongest distractor alone.
 */
final class TaskMetric {

    private TaskMetric() {
    }

    /** Per-prompt metric values, [B], from last-token logits [B, V]. */
    static NDArray perPrompt(NDManager m, NDArray logits, MetricKind kind, List<TokenizedPair> pairs, int vocab) {
        NDArray weights = OwnedArrays.owned(m.create(weights(kind, pairs, vocab), new Shape(pairs.size(), vocab)));
        NDArray values = kind == MetricKind.PROB_DIFF ? logits.softmax(-1) : logits;
        NDArray answers = values.mul(weights).sum(new int[] {1});
        if (kind != MetricKind.MAX_LOGIT_DIFF) {
            return answers;
        }
        NDArray mask = OwnedArrays.owned(m.create(distractorMask(pairs, vocab), new Shape(pairs.size(), vocab)));
        return answers.sub(logits.add(mask).max(new int[] {1}));
    }

    /** Far below any logit: adding it takes a token out of the max without overflowing float32. */
    private static final float EXCLUDED = -1e30f;

    static float[] distractorMask(List<TokenizedPair> pairs, int vocab) {
        float[] mask = new float[pairs.size() * vocab];
        java.util.Arrays.fill(mask, EXCLUDED);
        for (int i = 0; i < pairs.size(); i++) {
            for (int d : pairs.get(i).distractors()) {
                mask[i * vocab + d] = 0;
            }
        }
        return mask;
    }

    static float[] weights(MetricKind kind, List<TokenizedPair> pairs, int vocab) {
        float[] w = new float[pairs.size() * vocab];
        for (int i = 0; i < pairs.size(); i++) {
            TokenizedPair pair = pairs.get(i);
            boolean mean = kind != MetricKind.PROB_DIFF;
            float plus = mean ? 1f / pair.answers().length : 1f;
            // The max logit difference takes its distractor term from the mask, not from W.
            float minus = kind == MetricKind.MAX_LOGIT_DIFF ? 0f : mean ? 1f / pair.distractors().length : 1f;
            for (int a : pair.answers()) {
                w[i * vocab + a] += plus;
            }
            for (int a : pair.distractors()) {
                w[i * vocab + a] -= minus;
            }
        }
        return w;
    }
}
