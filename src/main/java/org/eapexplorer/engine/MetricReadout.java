package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;

/**
 * The task metric of many stacked copies of the pairs, read from the few logits it needs. The logit differences
 * read only the answer and distractor tokens, so only those columns of the unembedding are multiplied (a handful
 * against GPT-2's 50,257); the probability difference needs the softmax's normaliser, so it takes every logit
 * but, like the others, gathers the tokens it reads instead of weighting the vocabulary. Either way no
 * [rows × vocabulary] weight matrix is built: the per-row sums are taken in Java over those few values. The values
 * are the same as {@link TaskMetric}'s, up to float32 rounding.
 */
final class MetricReadout {

    private final MetricKind kind;
    private final List<TokenizedPair> pairs;
    private final int[] columns;          // the tokens read, ascending
    private final NDArray unembedColumns; // [d, T]: W_U's columns of those tokens (null for the probability difference)
    private final TransformerWeights weights;
    private final NDArray columnIndex;    // [T]

    MetricReadout(NDManager keep, TransformerWeights weights, MetricKind kind, List<TokenizedPair> pairs) {
        this.kind = kind;
        this.pairs = List.copyOf(pairs);
        TreeSet<Integer> tokens = new TreeSet<>();
        for (TokenizedPair pair : pairs) {
            Arrays.stream(pair.answers()).forEach(tokens::add);
            Arrays.stream(pair.distractors()).forEach(tokens::add);
        }
        this.columns = tokens.stream().mapToInt(Integer::intValue).toArray();
        this.weights = weights;
        this.columnIndex = OwnedArrays.owned(keep.create(Arrays.stream(columns).asLongStream().toArray()));
        this.unembedColumns = kind == MetricKind.PROB_DIFF ? null : weights.unembedColumns(keep, columnIndex);
    }

    /** Floats a row of this readout holds at once: what a pass's memory budget counts per prompt row. */
    long floatsPerRow() {
        return kind == MetricKind.PROB_DIFF ? weights.unembed.data().getShape().get(0) : columns.length;
    }

    /**
     * Per-row metric values of {@code normed}, [copies·B, d]: the final LayerNorm's output at each prompt's last token
     * for {@code copies} stacked copies of the pairs.
     */
    double[] perPrompt(NDArray normed, int copies) {
        NDArray read = kind == MetricKind.PROB_DIFF
                ? Softcap.apply(weights.logits(normed), weights.finalSoftcap()).softmax(-1).get(new NDIndex(":, {}", columnIndex))  // [N, T]
                : Softcap.apply(normed.matMul(unembedColumns), weights.finalSoftcap());          // [N, T]: capping is per logit
        float[] values = read.toFloatArray();
        read.close();
        int t = columns.length;
        int b = pairs.size();
        long rows = normed.getShape().get(0);
        if (rows != (long) copies * b) {
            throw new IllegalArgumentException(rows + " rows for " + copies + " copies of " + b + " pairs");
        }
        double[] out = new double[copies * b];
        for (int row = 0; row < out.length; row++) {
            TokenizedPair pair = pairs.get(row % b);
            int base = row * t;
            double answers = 0;
            for (int a : pair.answers()) {
                answers += values[base + Arrays.binarySearch(columns, a)];
            }
            double distractors = kind == MetricKind.MAX_LOGIT_DIFF ? Double.NEGATIVE_INFINITY : 0;
            for (int a : pair.distractors()) {
                double v = values[base + Arrays.binarySearch(columns, a)];
                distractors = kind == MetricKind.MAX_LOGIT_DIFF ? Math.max(distractors, v) : distractors + v;
            }
            out[row] = switch (kind) {
                case PROB_DIFF -> answers - distractors;
                case LOGIT_DIFF -> answers / pair.answers().length - distractors / pair.distractors().length;
                case MAX_LOGIT_DIFF -> answers / pair.answers().length - distractors;
            };
        }
        return out;
    }
}
