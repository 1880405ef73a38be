package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Receiver;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ModelDevice;

/**
 * Exact activation patching of single edges (the paper's Eq. 1 without the absolute value, and its
 * λ-interpolation): receiver v's own input becomes v_clean + λ·(u_corrupted − u_clean) for the one edge
 * u→v, every other receiver reads what it reads in the clean run, and the change propagates through the
 * rest of the model. The effect is L(patched) − L(clean) with L the mean metric over the prompt pairs.
 *
 * <p>The clean and corrupted runs are made once and kept. A patch into layer l starts from the cached
 * clean residual stream at that layer (before its attention for q/k/v receivers, before its MLP for the
 * MLP receiver, at the unembedding for the logits), so only layers l… are recomputed; and all patches
 * into one receiver (several edges, several λ) are stacked along the batch dimension of one pass.
 * Not thread-safe; closing it frees the cache.
 */
public final class EdgePatcher implements AutoCloseable {

    private final LanguageModel model;
    private final GraphIndex graph;
    private final PairRuns runs;
    private final NDManager cache;
    private final ForwardRun cleanRun;
    private final MetricReadout readout;
    private final NDArray cleanFinalLast;  // [B, d]: the clean residual stream the unembedding reads, at the last tokens
    private final NDArray upstreamDeltas;  // [n_up, B·P·d]: u_corrupted − u_clean, rows in upstream order
    private final double metricClean;
    private final double metricCorrupted;

    private EdgePatcher(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind) {
        this.model = model;
        this.graph = model.graph();
        this.runs = PairRuns.of(model, pairs, kind);
        this.cache = model.manager().newSubManager();
        this.cleanRun = model.forward().run(cache, runs.clean(), ForwardOptions.RECORD);
        this.readout = new MetricReadout(cache, model.weights(), kind, runs.pairs());
        this.cleanFinalLast = model.forward().lastToken(cache, runs.clean(), cleanRun.residFinal);
        // Read as the patched runs are read, so that an edge whose patch changes nothing has an effect of 0.
        double[] cleanMetrics = readout.perPrompt(model.forward().finalNorm(cleanFinalLast), 1);
        FiniteResults.requirePerPair("the clean run's " + runs.kind().jsonName(), cleanMetrics, 0, cleanMetrics.length);
        double sum = 0;
        for (double v : cleanMetrics) {
            sum += v;
        }
        this.metricClean = sum / cleanMetrics.length;
        long width = (long) runs.clean().batch() * runs.clean().positions() * model.config().dModel();
        try (NDManager pass = cache.newSubManager()) {
            ForwardRun corruptedRun = model.forward().run(pass, runs.corrupted(), ForwardOptions.RECORD);
            this.metricCorrupted = runs.meanMetric(pass, corruptedRun.logits, "corrupted");
            NDArray corrupted = CircuitInputs.nodeOutputs(corruptedRun, model.weights(), model.config(), graph,
                    pass.zeros(new Shape(graph.upstreamCount(), width)));
            NDArray clean = CircuitInputs.nodeOutputs(cleanRun, model.weights(), model.config(), graph,
                    pass.zeros(new Shape(graph.upstreamCount(), width)));
            this.upstreamDeltas = corrupted.sub(clean);
            upstreamDeltas.attach(cache);
        }
    }

    /** Runs the clean and corrupted prompts once and keeps what patching needs. */
    public static EdgePatcher prepare(LanguageModel model, List<TokenizedPair> pairs, MetricKind kind) {
        return new EdgePatcher(model, pairs, kind);
    }

    public double metricClean() {
        return metricClean;
    }

    public double metricCorrupted() {
        return metricCorrupted;
    }

    /**
     * Patching effects, [edge][λ]: L(v_clean + λ·Δu into v only) − L(clean).
     *
     * @param edges edge indices of {@link GraphIndex}; edges into one receiver share passes, so callers that
     *              report progress should hand them over receiver by receiver
     */
    public double[][] effects(int[] edges, double[] lambdas) {
        return effects(edges, lambdas, () -> { });
    }

    /**
     * As {@link #effects(int[], double[])}, calling {@code beforePass} before each forward pass, so that a caller can
     * stop a long patch (GPT-2 small takes several passes for one edge's 21 λ) by throwing from it; the engine knows
     * no cancellation type of its own.
     */
    public double[][] effects(int[] edges, double[] lambdas, Runnable beforePass) {
        double[][] out = new double[edges.length][];
        Map<Integer, List<Integer>> byReceiver = new LinkedHashMap<>();
        for (int i = 0; i < edges.length; i++) {
            byReceiver.computeIfAbsent(graph.receiverOf(edges[i]), r -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Integer, List<Integer>> group : byReceiver.entrySet()) {
            patchReceiver(group.getKey(), group.getValue(), edges, lambdas, out, beforePass);
        }
        return out;
    }

    /**
     * Floats a pass may hold in its widest intermediate (patches × pairs × positions × max(d_mlp, d_model, 3·H·e), plus the
     * metric's logits): the device's budget ({@link ModelDevice#patchRowBudgetFloats}), read here only.
     */
    private long rowBudgetFloats() {
        return model.device().patchRowBudgetFloats();
    }

    private void patchReceiver(int receiver, List<Integer> items, int[] edges, double[] lambdas, double[][] out, Runnable beforePass) {
        Receiver r = graph.receivers().get(receiver);
        int b = runs.clean().batch();
        int p = runs.clean().positions();
        int d = model.config().dModel();
        boolean atLogits = r.node() instanceof NodeId.Logits;
        // A patch into the logits is the final LayerNorm and the readout of its last tokens; others run layers.
        long widest = Math.max(model.config().dMlp(), Math.max(d, 3L * model.config().dAttention()));   // the MLP's, or q/k/v's
        long perRow = (atLogits ? (long) p * d : (long) p * widest) + readout.floatsPerRow();
        int patchesPerPass = (int) Math.max(1, rowBudgetFloats() / (perRow * b));
        List<int[]> patches = new ArrayList<>();  // (item, lambda index)
        for (int item : items) {
            out[item] = new double[lambdas.length];
            for (int k = 0; k < lambdas.length; k++) {
                patches.add(new int[] {item, k});
            }
        }
        for (int from = 0; from < patches.size(); from += patchesPerPass) {
            beforePass.run();
            List<int[]> chunk = patches.subList(from, Math.min(patches.size(), from + patchesPerPass));
            try (NDManager m = cache.newSubManager()) {
                NDList deltas = new NDList();
                for (int[] patch : chunk) {
                    int upstream = graph.upstreamOf(edges[patch[0]]);
                    deltas.add(patchDelta(m, upstream, lambdas[patch[1]]));
                }
                NDArray delta = NDArrays.concat(deltas, 0).reshape(-1, p, d); // [n·B, P, d]
                delta.attach(m);
                deltas.forEach(NDArray::close);
                int n = chunk.size();
                TokenBatch batch = runs.clean().repeat(n);
                NDArray last;                                                  // [n·B, d]
                if (atLogits) {
                    NDArray clean = cleanFinalLast.tile(new long[] {n, 1});
                    clean.attach(m);
                    last = clean.add(model.forward().lastToken(m, batch, delta));
                } else {
                    NDArray start = startingResidual(r).tile(new long[] {n, 1, 1});
                    start.attach(m);
                    last = model.forward().runFromToLastToken(m, batch, r.node().layer(), startsAtMlp(r), start,
                            Map.of(receiver, delta));
                }
                double[] values = readout.perPrompt(model.forward().finalNorm(last), n);
                for (int j = 0; j < n; j++) {
                    int[] patch = chunk.get(j);
                    double sum = 0;
                    boolean finite = true;
                    for (int i = 0; i < b; i++) {
                        sum += values[j * b + i];
                        finite &= Double.isFinite(values[j * b + i]);
                    }
                    if (!finite) {
                        // The message (and its copy of the patch's values) is made only for a refusal: this loop runs per patch.
                        FiniteResults.requirePerPair("patching edge " + graph.edgeName(edges[patch[0]]) + " at λ = " + lambdas[patch[1]]
                                + " gives a " + runs.kind().jsonName() + " that", java.util.Arrays.copyOfRange(values, j * b, (j + 1) * b), 0, b);
                    }
                    out[patch[0]][patch[1]] = sum / b - metricClean;
                }
            }
        }
    }

    /**
     * What patching upstream node u by λ adds to a receiver's input, [B·P·d]: λ·Δu; for a head of a sandwich block,
     * post_norm(S + λΔu) − post_norm(S) with S its layer's clean heads' sum ({@link PostNorm}).
     */
    private NDArray patchDelta(NDManager m, int upstream, double lambda) {
        // In a scope: operations on the cached arrays would otherwise attach their results to the cache until it closes.
        try (ai.djl.ndarray.NDScope scope = new ai.djl.ndarray.NDScope()) {
            NDArray delta = upstreamDeltas.get(new NDIndex("{}", upstream)).mul(lambda);
            if (graph.upstream().get(upstream) instanceof NodeId.Head head && cleanRun.attnSum[head.layer()] != null) {
                NDArray sum = cleanRun.attnSum[head.layer()].reshape(-1, model.config().dModel());
                delta = PostNorm.change(sum, delta.reshape(sum.getShape()), model.weights().postAttnGain(head.layer(), m),
                        model.config().layerNormEps()).reshape(-1);
            }
            ai.djl.ndarray.NDScope.unregister(delta);
            delta.attach(m);
            return delta;
        }
    }

    /** The clean residual stream where a patch into receiver r starts its forward pass. */
    private NDArray startingResidual(Receiver r) {
        return startsAtMlp(r) ? cleanRun.residMid[r.node().layer()] : cleanRun.residPre[r.node().layer()];
    }

    /** A patch into an MLP starts at that MLP, except a parallel block's, which reads the layer's input: it starts at the layer. */
    private boolean startsAtMlp(Receiver r) {
        return r.node() instanceof NodeId.Mlp && !graph.parallel();
    }

    @Override
    public void close() {
        cache.close();
    }
}
