package org.eapexplorer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Receiver;

/**
 * ROC curves of EAP scores against a ground-truth circuit: the threshold sweeps over every distinct |score|
 * (ties enter together), from keeping nothing to keeping every edge. NaN scores (edges not computed) are
 * never kept.
 */
public final class EdgeRoc {

    private EdgeRoc() {
    }

    /**
     * @param truth       true edges, indices of {@link GraphIndex}
     * @param truthDirect for {@link RocConvention#ACDC}: q/k/v receivers (receiver indices) whose input→projection
     *                    edge is in the truth; ignored otherwise
     */
    public static RocCurve edges(EdgeScores scores, BitSet truth, BitSet truthDirect, RocConvention convention) {
        GraphIndex g = scores.graph();
        boolean acdc = convention == RocConvention.ACDC;
        int direct = acdc ? 3 * g.nHead() * g.nLayer() : 0;
        int positives = truth.cardinality() + (acdc ? truthDirect.cardinality() : 0);
        int negatives = g.edgeCount() + direct - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a ROC curve needs true and false edges: " + positives + " true of " + (positives + negatives));
        }
        int[] order = byAbsScore(scores);
        boolean[] receiverOn = new boolean[g.receiverCount()];
        List<double[]> points = new ArrayList<>();  // fpr, tpr, threshold, kept
        points.add(new double[] {0, 0, Double.POSITIVE_INFINITY, 0});
        int tp = 0;
        int fp = 0;
        int i = 0;
        while (i < order.length) {
            float value = Math.abs(scores.score(order[i]));
            if (Float.isNaN(value)) {
                break;
            }
            int j = i;
            while (j < order.length && Math.abs(scores.score(order[j])) == value) {
                int e = order[j];
                if (truth.get(e)) {
                    tp++;
                } else {
                    fp++;
                }
                if (acdc) {
                    int r = g.receiverOf(e);
                    if (!receiverOn[r] && g.receivers().get(r).qkv() != null) {
                        receiverOn[r] = true;
                        if (truthDirect.get(r)) {
                            tp++;
                        } else {
                            fp++;
                        }
                    }
                }
                j++;
            }
            points.add(new double[] {(double) fp / negatives, (double) tp / positives, value, j});
            i = j;
        }
        if (acdc) {
            points = paretoFrontier(points);
        }
        return curve(convention, points, positives, negatives, acdc ? pessimisticArea(points) : trapezoidArea(points));
    }

    /**
     * The ROC of a family of circuits (ACDC at several τ, say): one point per circuit, then the convention's
     * area. For {@link RocConvention#ACDC} a circuit's q/k/v input edges count as kept when the receiver has a
     * kept incoming edge, as in the score sweep.
     */
    public static RocCurve circuits(GraphIndex g, List<BitSet> circuits, double[] parameters, BitSet truth, BitSet truthDirect,
                                    RocConvention convention) {
        boolean acdc = convention == RocConvention.ACDC;
        int positives = truth.cardinality() + (acdc ? truthDirect.cardinality() : 0);
        int negatives = g.edgeCount() + (acdc ? 3 * g.nHead() * g.nLayer() : 0) - positives;
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, Double.POSITIVE_INFINITY, 0});
        for (int i = 0; i < circuits.size(); i++) {
            BitSet kept = circuits.get(i);
            int[] counts = count(g, kept, truth, truthDirect, acdc);
            points.add(new double[] {(double) counts[1] / negatives, (double) counts[0] / positives, parameters[i], kept.cardinality()});
        }
        points.add(new double[] {1, 1, Double.NEGATIVE_INFINITY, g.edgeCount()});
        points.sort(java.util.Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        if (acdc) {
            points = paretoFrontier(points);
            return curve(convention, points, positives, negatives, pessimisticArea(points));
        }
        List<double[]> monotone = paretoFrontier(points);
        return curve(convention, monotone, positives, negatives, trapezoidArea(monotone));
    }

    /**
     * Where one circuit sits in ROC space: its own FPR and TPR, which under ACDC's convention need not lie on the
     * Pareto curve drawn through the score sweep.
     */
    public static RocPoint point(GraphIndex g, BitSet kept, BitSet truth, BitSet truthDirect, RocConvention convention) {
        boolean acdc = convention == RocConvention.ACDC;
        int positives = truth.cardinality() + (acdc ? truthDirect.cardinality() : 0);
        int negatives = g.edgeCount() + (acdc ? 3 * g.nHead() * g.nLayer() : 0) - positives;
        int[] counts = count(g, kept, truth, truthDirect, acdc);
        return new RocPoint(negatives == 0 ? 0 : (double) counts[1] / negatives, positives == 0 ? 0 : (double) counts[0] / positives,
                kept.cardinality());
    }

    /** {true positives, false positives} of a kept edge set; under ACDC's convention a q/k/v receiver with a kept edge also keeps its input edge. */
    private static int[] count(GraphIndex g, BitSet kept, BitSet truth, BitSet truthDirect, boolean acdc) {
        BitSet hit = (BitSet) kept.clone();
        hit.and(truth);
        int tp = hit.cardinality();
        int fp = kept.cardinality() - tp;
        if (acdc) {
            BitSet on = new BitSet(g.receiverCount());
            for (int e = kept.nextSetBit(0); e >= 0; e = kept.nextSetBit(e + 1)) {
                int r = g.receiverOf(e);
                if (g.receivers().get(r).qkv() != null) {
                    on.set(r);
                }
            }
            BitSet directHit = (BitSet) on.clone();
            directHit.and(truthDirect);
            tp += directHit.cardinality();
            fp += on.cardinality() - directHit.cardinality();
        }
        return new int[] {tp, fp};
    }

    /**
     * Node-level recovery over heads and MLPs: a node is recovered at a threshold once one of its edges (in
     * or out) is kept; true nodes are those with an edge in the truth. Same conventions for the area.
     */
    public static RocCurve nodes(EdgeScores scores, BitSet truth, RocConvention convention) {
        GraphIndex g = scores.graph();
        int nodeCount = g.upstreamCount() - 1;               // heads and MLPs: upstream nodes minus input
        BitSet trueNodes = new BitSet(nodeCount);
        for (int e = truth.nextSetBit(0); e >= 0; e = truth.nextSetBit(e + 1)) {
            markNodes(g, e, trueNodes, null);
        }
        int positives = trueNodes.cardinality();
        int negatives = nodeCount - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("a node ROC curve needs true and false nodes: " + positives + " true of " + nodeCount);
        }
        int[] order = byAbsScore(scores);
        BitSet on = new BitSet(nodeCount);
        List<double[]> points = new ArrayList<>();
        points.add(new double[] {0, 0, Double.POSITIVE_INFINITY, 0});
        int[] counts = new int[2];  // tp, fp
        int i = 0;
        while (i < order.length) {
            float value = Math.abs(scores.score(order[i]));
            if (Float.isNaN(value)) {
                break;
            }
            int j = i;
            while (j < order.length && Math.abs(scores.score(order[j])) == value) {
                markNodes(g, order[j], on, node -> counts[trueNodes.get(node) ? 0 : 1]++);
                j++;
            }
            points.add(new double[] {(double) counts[1] / negatives, (double) counts[0] / positives, value, j});
            i = j;
        }
        boolean acdc = convention == RocConvention.ACDC;
        if (acdc) {
            points = paretoFrontier(points);
        }
        return curve(convention, points, positives, negatives, acdc ? pessimisticArea(points) : trapezoidArea(points));
    }

    /** Heads and MLPs touched by edge e, numbered as upstream index − 1; calls back for each newly set one. */
    private static void markNodes(GraphIndex g, int e, BitSet nodes, java.util.function.IntConsumer newlySet) {
        int up = g.upstreamOf(e);
        if (up > 0) {
            set(nodes, up - 1, newlySet);
        }
        Receiver r = g.edge(e).to();
        NodeId node = r.node();
        int index = node instanceof NodeId.Head h ? g.upstreamIndex(h.layer(), h.head())
                : node instanceof NodeId.Mlp m ? g.mlpUpstreamIndex(m.layer()) : -1;
        if (index > 0) {
            set(nodes, index - 1, newlySet);
        }
    }

    private static void set(BitSet nodes, int i, java.util.function.IntConsumer newlySet) {
        if (!nodes.get(i)) {
            nodes.set(i);
            if (newlySet != null) {
                newlySet.accept(i);
            }
        }
    }

    /**
     * Edges by descending |score|, NaN last, ties in edge order: one primitive sort of packed keys (as {@code ScoreRanking}
     * sorts), where sorting boxed indices with a comparator took seconds at a million edges.
     */
    private static int[] byAbsScore(EdgeScores scores) {
        float[] s = scores.scores();
        long[] keys = new long[s.length];
        for (int e = 0; e < s.length; e++) {
            float abs = Math.abs(s[e]);
            // For non-negative floats the raw bits grow with the value; NaN sorts after every number.
            long high = Float.isNaN(abs) ? Integer.MAX_VALUE : 0x7f800000L - Float.floatToIntBits(abs);
            keys[e] = (high << 32) | e;
        }
        Arrays.sort(keys);
        int[] order = new int[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** Points no other point beats on both axes (lower FPR and higher TPR), in FPR order. */
    static List<double[]> paretoFrontier(List<double[]> points) {
        List<double[]> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparing(p -> -p[1]));
        List<double[]> frontier = new ArrayList<>();
        double bestTpr = -1;
        for (double[] p : sorted) {
            if (p[1] > bestTpr) {
                frontier.add(p);
                bestTpr = p[1];
            }
        }
        return frontier;
    }

    /** ACDC's stepwise area: each rise in TPR counts from its FPR to 1. */
    static double pessimisticArea(List<double[]> points) {
        double area = 0;
        double previousTpr = 0;
        for (double[] p : points) {
            area += (1 - p[0]) * (p[1] - previousTpr);
            previousTpr = p[1];
        }
        return area;
    }

    static double trapezoidArea(List<double[]> points) {
        double area = 0;
        double[] last = {0, 0};
        for (double[] p : points) {
            area += (p[0] - last[0]) * (p[1] + last[1]) / 2;
            last = p;
        }
        return area + (1 - last[0]) * (1 + last[1]) / 2;
    }

    private static RocCurve curve(RocConvention convention, List<double[]> points, int positives, int negatives, double auc) {
        int n = points.size();
        double[] fpr = new double[n];
        double[] tpr = new double[n];
        double[] thresholds = new double[n];
        int[] kept = new int[n];
        for (int i = 0; i < n; i++) {
            fpr[i] = points.get(i)[0];
            tpr[i] = points.get(i)[1];
            thresholds[i] = points.get(i)[2];
            kept[i] = (int) points.get(i)[3];
        }
        return new RocCurve(convention, fpr, tpr, thresholds, kept, auc, positives, negatives);
    }
}
