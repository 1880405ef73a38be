package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Qkv;
import org.eapexplorer.model.TokenizedPair;

/**
 * Runs the model with only a circuit intact: every edge outside it carries the corrupted run's activation
 * of its upstream node, every edge in it this run's own (the intervention faithfulness curves and ACDC
 * are built on). The corrupted run is made once and kept. Not thread-safe; closing it frees the cache.
 */
public final class CircuitRunner implements AutoCloseable {

    private final LanguageModel model;
    private final GraphIndex graph;
    private final PairRuns runs;
    private final NDManager cache;
    private final NDArray corrupted;
    private final NDArray differences;
    private final NDArray attentionSums;   // [L, B·P·d]: a sandwich block's heads' sums in the last pass (CircuitInputs); null without
    private final NDArray corruptedResid;   // [2L + 1, B, P, d]: the corrupted run's residual stream where receivers read it
    private final Shape residual;
    private final double metricClean;
    private final double metricCorrupted;
    private final NDArray cleanLogProbs;   // [B, V] at each prompt's last token
    /** Counts passes that rewrite the difference buffer from the embedding on; a prefix is valid only in its own. */
    private long generation;

    private CircuitRunner(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind) {
        this.model = model;
        this.graph = model.graph();
        this.runs = PairRuns.of(model, pairs, kind);
        this.cache = model.manager().newSubManager();
        this.residual = new Shape(runs.clean().batch(), runs.clean().positions(), model.config().dModel());
        long width = residual.size();
        try (NDManager pass = cache.newSubManager()) {
            ForwardRun run = model.forward().run(pass, runs.corrupted(), ForwardOptions.RECORD);
            this.metricCorrupted = runs.meanMetric(pass, run.logits, "corrupted");
            this.corrupted = CircuitInputs.nodeOutputs(run, model.weights(), model.config(), graph, cache.zeros(new Shape(graph.upstreamCount(), width)));
            this.corruptedResid = CircuitInputs.residualStreams(run, model.config());
            corruptedResid.attach(cache);
            ForwardRun cleanRun = model.forward().run(pass, runs.clean(), ForwardOptions.LOGITS_ONLY);
            this.metricClean = runs.meanMetric(pass, cleanRun.logits, "clean");
            this.cleanLogProbs = cleanRun.logits.logSoftmax(-1);
            cleanLogProbs.attach(cache);
        }
        this.differences = cache.zeros(new Shape(graph.upstreamCount(), width));
        this.attentionSums = model.config().design().residual().postNorms() ? cache.zeros(new Shape(graph.nLayer(), width)) : null;
    }

    public static CircuitRunner prepare(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind) {
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
            return runs.meanMetric(m, logits(m, kept, null), "circuit");
        }
    }

    /** Mean over the pairs of KL(clean ‖ circuit) between the next-token distributions at the last token: ACDC's default score. */
    public double klDivergence(BitSet kept) {
        try (NDManager m = cache.newSubManager()) {
            return kl(m, logits(m, kept, null));
        }
    }

    /**
     * A circuit run kept up to where {@code receiver} reads the residual stream. Circuits that differ from
     * {@code kept} only in edges into that receiver or into receivers after it are then scored from its layer
     * on ({@link Prefix#metric}, {@link Prefix#klDivergence}): what comes before cannot change. ACDC tries the
     * edges of one receiver at a time, from the logits down, so each trial needs only the rest of the pass.
     * The prefix lasts until the next full pass or the next prefix.
     */
    public Prefix prefix(BitSet kept, int receiver) {
        return new Prefix(kept, receiver);
    }

    /** See {@link #prefix}. */
    public final class Prefix implements AutoCloseable {

        private final int layer;
        private final boolean atMlp;
        private final int firstFreeEdge;   // edges from here on may differ from the cached run's circuit
        private final BitSet fixed;
        private final NDManager keep;
        private final NDArray resid;
        private final long valid;

        private Prefix(BitSet kept, int receiver) {
            NodeId node = graph.receivers().get(receiver).node();
            int firstReceiver;
            if (node instanceof NodeId.Logits) {
                layer = graph.nLayer();
                atMlp = false;
                firstReceiver = graph.logitsReceiverIndex();
            } else if (node instanceof NodeId.Mlp mlp && !graph.parallel()) {
                layer = mlp.layer();
                atMlp = true;
                firstReceiver = graph.mlpReceiverIndex(layer);
            } else {
                // A head's q/k/v, or a parallel block's MLP, which reads the layer's input: the pass starts at the layer.
                layer = node.layer();
                atMlp = false;
                firstReceiver = graph.receiverIndex(layer, Qkv.Q, 0);
            }
            firstFreeEdge = graph.firstEdge(firstReceiver);
            fixed = kept.get(0, firstFreeEdge);
            keep = cache.newSubManager();
            try (NDManager pass = cache.newSubManager()) {
                ForwardRun run = model.forward().run(pass, runs.clean(), ForwardOptions.withCircuit(inputs(kept)).recording());
                NDArray start = layer == graph.nLayer() ? run.residFinal : atMlp ? run.residMid[layer] : run.residPre[layer];
                start.attach(keep);
                resid = start;
            }
            valid = ++generation;
        }

        /** Whether this prefix also starts where {@code receiver} reads (the q/k/v inputs of one layer share a start). */
        public boolean serves(int receiver) {
            NodeId node = graph.receivers().get(receiver).node();
            if (node instanceof NodeId.Logits) {
                return layer == graph.nLayer();
            }
            if (node instanceof NodeId.Mlp mlp && !graph.parallel()) {
                return atMlp && layer == mlp.layer();
            }
            return !atMlp && layer == node.layer();
        }

        public double metric(BitSet kept) {
            try (NDManager m = cache.newSubManager()) {
                return runs.meanMetric(m, logits(m, kept, this), "circuit");
            }
        }

        public double klDivergence(BitSet kept) {
            try (NDManager m = cache.newSubManager()) {
                return kl(m, logits(m, kept, this));
            }
        }

        private NDArray logitsFrom(NDManager m, BitSet kept) {
            if (generation != valid) {
                throw new IllegalStateException("this prefix was overtaken by another circuit run");
            }
            if (!kept.get(0, firstFreeEdge).equals(fixed)) {
                throw new IllegalArgumentException("the circuit differs from the prefix's before " + graph.edgeName(firstFreeEdge));
            }
            return model.forward().runFrom(m, runs.clean(), layer, atMlp, resid, ForwardOptions.withCircuit(inputs(kept))).logits;
        }

        @Override
        public void close() {
            keep.close();
        }
    }

    private double kl(NDManager m, NDArray logits) {
        NDArray logProbs = logits.logSoftmax(-1);
        NDArray kl = cleanLogProbs.exp().mul(cleanLogProbs.sub(logProbs)).sum(new int[] {-1});
        kl.attach(m);
        float[] values = kl.toFloatArray();
        FiniteResults.requirePerPair("the circuit run's KL divergence from the clean run", values, values.length);
        return PairRuns.mean(values);
    }

    private NDArray logits(NDManager m, BitSet kept, Prefix prefix) {
        if (prefix != null) {
            return prefix.logitsFrom(m, kept);
        }
        generation++;
        return model.forward().run(m, runs.clean(), ForwardOptions.withCircuit(inputs(kept))).logits;
    }

    private CircuitInputs inputs(BitSet kept) {
        return new CircuitInputs(graph, model.config(), model.weights(), (BitSet) kept.clone(), corrupted, differences, attentionSums,
                corruptedResid, residual);
    }

    @Override
    public void close() {
        cache.close();
    }
}
