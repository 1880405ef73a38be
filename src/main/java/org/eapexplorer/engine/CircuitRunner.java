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
    private final PairRuns runs;
    private final NDManager cache;
    private final NDArray corrupted;
    private final NDArray differences;
    private final Shape residual;
    private final double metricClean;
    private final double metricCorrupted;
    private final NDArray cleanLogProbs;   // [B, V] at each prompt's last token

    private CircuitRunner(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind) {
        this.model = model;
        this.graph = model.graph();
        this.runs = PairRuns.of(model, pairs, kind);
        this.cache = model.manager().newSubManager();
        this.residual = new Shape(runs.clean().batch(), runs.clean().positions(), model.config().dModel());
        long width = residual.size();
        try (NDManager pass = cache.newSubManager()) {
            ForwardRun run = model.forward().run(pass, runs.corrupted(), ForwardOptions.RECORD);
            this.metricCorrupted = runs.meanMetric(pass, run.logits);
            this.corrupted = CircuitInputs.nodeOutputs(run, model.weights(), model.config(), graph, cache.zeros(new Shape(graph.upstreamCount(), width)));
            ForwardRun cleanRun = model.forward().run(pass, runs.clean(), ForwardOptions.LOGITS_ONLY);
            this.metricClean = runs.meanMetric(pass, cleanRun.logits);
            this.cleanLogProbs = cleanRun.logits.logSoftmax(-1);
            cleanLogProbs.attach(cache);
        }
        this.differences = cache.zeros(new Shape(graph.upstreamCount(), width));
    }

    public static CircuitRunner prepare(Gpt2Model model, List<TokenizedPair> pairs, MetricKind kind) {
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
            return runs.meanMetric(m, logits(m, kept));
        }
    }

    /** Mean over the pairs of KL(clean ‖ circuit) between the next-token distributions at the last token: ACDC's default score. */
    public double klDivergence(BitSet kept) {
        try (NDManager m = cache.newSubManager()) {
            NDArray logProbs = logits(m, kept).logSoftmax(-1);
            NDArray kl = cleanLogProbs.exp().mul(cleanLogProbs.sub(logProbs)).sum(new int[] {-1});
            kl.attach(m);
            return PairRuns.mean(kl.toFloatArray());
        }
    }

    private NDArray logits(NDManager m, BitSet kept) {
        float[] removed = new float[graph.edgeCount()];
        for (int e = 0; e < removed.length; e++) {
            removed[e] = kept.get(e) ? 0f : 1f;
        }
        CircuitInputs inputs = new CircuitInputs(graph, model.config(), model.weights(), removed, corrupted, differences, residual);
        return model.forward().run(m, runs.clean(), ForwardOptions.withCircuit(inputs)).logits;
    }

    @Override
    public void close() {
        cache.close();
    }
}
