package org.eapexplorer.eval;

import java.util.BitSet;
import java.util.List;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Receiver;

/**
 * ACDC (Conmy et al. 2023) on the EAP graph. Receivers are visited in reverse topological order, from the
 * logits down; a receiver whose node has no kept outgoing edge left is skipped and its incoming edges
 * dropped (it cannot reach the output); otherwise each kept incoming edge, latest upstream node first, is
 * tried removed — every edge outside the circuit carries the corrupted run's activation — and stays
 * removed if the score to minimise rises by less than τ. Each trial runs only from the receiver's layer on,
 * from a run of the current circuit cached up to there ({@link CircuitRunner#prefix}). Started from a subset
 * of edges (EAP's kept edges at some threshold) it is the paper's EAP→ACDC hybrid.
 */
public final class Acdc {

    private Acdc() {
    }

    /**
     * @param start the edges to begin with (null: every edge)
     */
    public static AcdcResult run(CircuitRunner runner, GraphIndex g, AcdcScore score, double tau, BitSet start,
                                 ProgressListener progress, CancellationToken cancel) {
        BitSet kept = start == null ? allEdges(g) : (BitSet) start.clone();
        double current = evaluate(runner, score, kept);
        int passes = 1;
        int toTry = kept.cardinality();
        int tried = 0;
        float[] effects = new float[g.edgeCount()];
        java.util.Arrays.fill(effects, Float.NaN);
        List<Receiver> receivers = g.receivers();
        CircuitRunner.Prefix prefix = null;
        try {
            for (int r = receivers.size() - 1; r >= 0; r--) {
                cancel.throwIfCancelled();
                NodeId node = receivers.get(r).node();
                int first = g.firstEdge(r);
                int fanIn = g.fanIn(r);
                if (!(node instanceof NodeId.Logits) && !hasKeptOutgoing(g, kept, node)) {
                    for (int u = 0; u < fanIn; u++) {
                        if (kept.get(first + u)) {
                            kept.clear(first + u);
                            tried++;
                        }
                    }
                    continue;
                }
                for (int u = fanIn - 1; u >= 0; u--) {
                    int edge = first + u;
                    if (!kept.get(edge)) {
                        continue;
                    }
                    if (prefix == null || !prefix.serves(r)) {
                        // Trials at this receiver change nothing before its layer: run up to there once.
                        if (prefix != null) {
                            prefix.close();
                        }
                        prefix = runner.prefix(kept, r);
                    }
                    kept.clear(edge);
                    double trial = evaluate(prefix, score, kept);
                    passes++;
                    tried++;
                    effects[edge] = (float) (trial - current);
                    if (trial - current < tau) {
                        current = trial;
                    } else {
                        kept.set(edge);
                    }
                }
                progress.progress(tried, toTry, String.format("ACDC: %s done, %d edges kept, %d forward passes",
                        receivers.get(r).name(), kept.cardinality(), passes));
            }
        } finally {
            if (prefix != null) {
                prefix.close();
            }
        }
        return new AcdcResult(kept, score, tau, passes, current, effects);
    }

    private static double evaluate(CircuitRunner.Prefix prefix, AcdcScore score, BitSet kept) {
        return score == AcdcScore.KL ? prefix.klDivergence(kept) : -prefix.metric(kept);
    }

    private static double evaluate(CircuitRunner runner, AcdcScore score, BitSet kept) {
        return score == AcdcScore.KL ? runner.klDivergence(kept) : -runner.metric(kept);
    }

    /** Whether any kept edge leaves the node: its output is the upstream node of the same name. */
    private static boolean hasKeptOutgoing(GraphIndex g, BitSet kept, NodeId node) {
        int up = g.upstreamIndex(node.name()).orElseThrow();
        for (int r = 0; r < g.receiverCount(); r++) {
            if (up < g.fanIn(r) && kept.get(g.firstEdge(r) + up)) {
                return true;
            }
        }
        return false;
    }

    private static BitSet allEdges(GraphIndex g) {
        BitSet all = new BitSet(g.edgeCount());
        all.set(0, g.edgeCount());
        return all;
    }
}
