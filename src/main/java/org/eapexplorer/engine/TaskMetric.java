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
 * answers and −weights on the distractors of prompt i.
 */
final class TaskMetric {

    private TaskMetric() {
    }

    /** Per-prompt metric values, [B], from last-token logits [B, V]. */
    static NDArray perPrompt(NDManager m, NDArray logits, MetricKind kind, List<TokenizedPair> pairs, int vocab) {
        NDArray weights = Gpt2Forward.owned(m.create(weights(kind, pairs, vocab), new Shape(pairs.size(), vocab)));
        NDArray values = kind == MetricKind.PROB_DIFF ? logits.softmax(-1) : logits;
        return values.mul(weights).sum(new int[] {1});
    }

    static float[] weights(MetricKind kind, List<TokenizedPair> pairs, int vocab) {
        float[] w = new float[pairs.size() * vocab];
        for (int i = 0; i < pairs.size(); i++) {
            TokenizedPair pair = pairs.get(i);
            float plus = kind == MetricKind.LOGIT_DIFF ? 1f / pair.answers().length : 1f;
            float minus = kind == MetricKind.LOGIT_DIFF ? 1f / pair.distractors().length : 1f;
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
