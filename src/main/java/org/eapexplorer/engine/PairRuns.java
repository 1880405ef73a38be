package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;

/** A prompt set batched for one model: the clean and corrupted token blocks and the metric they are scored by. */
record PairRuns(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind, TokenBatch clean, TokenBatch corrupted) {

    static PairRuns of(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no prompt pairs");
        }
        int nPos = model.config().nPositions();
        return new PairRuns(model, List.copyOf(pairs), kind, TokenBatch.of(pairs.stream().map(TokenizedPair::clean).toList(), nPos),
                TokenBatch.of(pairs.stream().map(TokenizedPair::corrupted).toList(), nPos));
    }

    /**
     * The mean metric over the pairs of last-token logits [B, V]; refused when any pair's is not finite.
     *
     * @param run which run the logits are of, for the refusal: {@code clean}, {@code corrupted}, {@code circuit}
     */
    double meanMetric(NDManager m, NDArray logits, String run) {
        float[] values = perPrompt(m, logits, 1);
        FiniteResults.requirePerPair("the " + run + " run's " + kind.jsonName(), values, pairs.size());
        return mean(values);
    }

    /** Metric values of {@code copies} stacked copies of the pairs, [copies·B]. */
    float[] perPrompt(NDManager m, NDArray logits, int copies) {
        List<TokenizedPair> rows = copies == 1 ? pairs : java.util.Collections.nCopies(copies, pairs).stream().flatMap(List::stream).toList();
        return TaskMetric.perPrompt(m, logits, kind, rows, model.config().vocabSize()).toFloatArray();
    }

    static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
