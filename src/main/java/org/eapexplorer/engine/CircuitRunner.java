package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;

/**
 * Runs the model with only a circuit intact: every edge outside it carries the corrupted run's activation
 * of its upstream node, every edge in it this run's own (the intervention faithfulness curves and ACDC
 * are built on). The corrupted run is made once and kept. Not thread-safe; closing it frees the cache.
 */
public final class CircuitRunner implements AutoCloseable {

    private final Gpt2Model model;
    private final GraphIndex graph;
    private final List<TokenizedPair> pairs;
    private final MetricKind kind;
    private final NDManager cache;
    private final TokenBatch clean;
    private final NDArray corrupted;
    private final NDArray differences;
    private final Shape residual;
    private final double metricClean;
    private final double metricCorrupted;
    private final NDArray cleanLogProbs;   // [B, V] at each prompt's last token

    private CircuitRunner(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind) {
        this.model = model;
        this.graph = model.graph();
        this.pairs = List.copyOf(pairs);
        this.kind = kind;
        this.cache = model.manager().newSubManager();
        int nPos = model.config().nPositions();
        this.clean = TokenBatch.of(pairs.stream().map(TokenizedPair::clean).toList(), nPos);
        TokenBatch corruptedBatch = TokenBatch.of(pairs.stream().map(TokenizedPair::corrupted).toList(), nPos);
        this.residual = new Shape(clean.batch(), clean.positions(), model.config().dModel());
        long width = residual.size();
        try (NDManager pass = cache.newSubManager()) {
            ForwardRun run = model.forward().run(pass, corruptedBatch, ForwardOptions.RECORD);
            this.metricCorrupted = mean(TaskMetric.perPrompt(pass, run.logits, kind, pairs, model.config().vocabSize()).toFloatArray());
            this.corrupted = CircuitInputs.nodeOutputs(pass, run, model.weights(), model.config(),
                    cache.zeros(new Shape(graph.upstreamCount(), width)));
            ForwardRun cleanRun = model.forward().run(pass, clean, ForwardOptions.LOGITS_ONLY);
            this.metricClean = mean(TaskMetric.perPrompt(pass, cleanRun.logits, kind, pairs, model.config().vocabSize()).toFloatArray());
            this.cleanLogProbs = cleanRun.logits.logSoftmax(-1);
            cleanLogProbs.attach(cache);
        }
        this.differences = cache.zeros(new Shape(graph.upstreamCount(), width));
    }

    public static CircuitRunner prepare(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no prompt pairs to run a circuit on");
        }
        return new CircuitRunner(model, pairs, kind);
    }

    public double metricClean() {
        return metricClean;
    }

    public double metricCorrupted() {
        return metricCorrupted;
    }

    /** Mean metric over the pairs with only {@code kept} edges (indices of {@link GraphIndex}) carrying clean activations. */
    public double metric(BitSet kept) {
        try (NDManager m = cache.newSubManager()) {
            return mean(TaskMetric.perPrompt(m, logits(m, kept), kind, pairs, model.config().vocabSize()).toFloatArray());
        }
    }

    /** Mean over the pairs of KL(clean ‖ circuit) between the next-token distributions at the last token: ACDC's default score. */
    public double klDivergence(BitSet kept) {
        try (NDManager m = cache.newSubManager()) {
            NDArray logProbs = logits(m, kept).logSoftmax(-1);
            NDArray kl = cleanLogProbs.exp().mul(cleanLogProbs.sub(logProbs)).sum(new int[] {-1});
            kl.attach(m);
            return mean(kl.toFloatArray());
        }
    }

    private NDArray logits(NDManager m, BitSet kept) {
        float[] removed = new float[graph.edgeCount()];
        for (int e = 0; e < removed.length; e++) {
            removed[e] = kept.get(e) ? 0f : 1f;
        }
        CircuitInputs inputs = new CircuitInputs(graph, model.config(), model.weights(), removed, corrupted, differences, residual);
        return model.forward().run(m, clean, ForwardOptions.withCircuit(inputs)).logits;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    @Override
    public void close() {
        cache.close();
    }
}
