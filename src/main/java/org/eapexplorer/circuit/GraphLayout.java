package org.eapexplorer.circuit;

import java.util.OptionalInt;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;
import org.eapexplorer.model.Qkv;

/**
 * Fixed layered positions for every node of a model's graph, in abstract units with y growing downwards.
 *
 * <p>The layout depends only on the graph's shape, never on a circuit, so circuits of one model (two
 * thresholds, two tasks) line up when compared. From the bottom: {@code input}; per layer a row with heads
 * {@code a{l}.h0 … h{H-1}} left to right and the MLP {@code m{l}} to their right, raised half a row (it reads
 * the heads of its own layer, so it sits between them and the next layer); {@code logits} at the top. Keeping
 * the MLP beside the heads rather than on a row of its own keeps GPT-2 small (12 × 12) roughly square. An
 * attention-only model has the head rows alone (the levels 2l+2 stay empty).
 *
 * <p>Edges leave a node at the middle of its top side and enter at a port on the bottom side: heads have three
 * ports, q, k and v left to right, so the three inputs of a head stay distinguishable; MLPs and logits one.
 */
public final class GraphLayout {

    public static final double HEAD_WIDTH = 64;
    public static final double NODE_HEIGHT = 26;
    static final double HEAD_PITCH = 80;
    static final double MLP_WIDTH = 80;
    static final double IO_WIDTH = 112;
    static final double LAYER_PITCH = 96;
    static final double MARGIN = 24;
    /** Room above logits for a caption line. */
    static final double CAPTION_BAND = 28;

    private final GraphIndex graph;
    private final EdgeTable table;
    private final double[] centerX;
    private final double[] centerY;
    private final double[] width;
    private final int[] level;
    private final double[] portX;
    private final double[] portY;
    private final Bounds bounds;

    private GraphLayout(GraphIndex graph) {
        this.graph = graph;
        this.table = EdgeTable.of(graph);
        int nodes = table.nodeCount();
        int layers = graph.nLayer();
        int heads = graph.nHead();
        centerX = new double[nodes];
        centerY = new double[nodes];
        width = new double[nodes];
        level = new int[nodes];

        double mlpLeft = MARGIN + heads * HEAD_PITCH;
        // Without MLPs the rows end at the last head.
        double rowRight = graph.attnOnly() ? MARGIN + (heads - 1) * HEAD_PITCH + HEAD_WIDTH : mlpLeft + MLP_WIDTH;
        double middle = ioCentre(heads, graph.attnOnly(), (MARGIN + Math.max(rowRight, MARGIN + IO_WIDTH)) / 2);
        double contentRight = Math.max(rowRight, middle + IO_WIDTH / 2);
        double logitsY = MARGIN + CAPTION_BAND + NODE_HEIGHT / 2;
        place(table.logitsNode(), middle, logitsY, IO_WIDTH, 2 * layers + 1);
        for (int l = 0; l < layers; l++) {
            double headsY = logitsY + (layers - l) * LAYER_PITCH;
            for (int h = 0; h < heads; h++) {
                place(graph.upstreamIndex(l, h), MARGIN + h * HEAD_PITCH + HEAD_WIDTH / 2, headsY, HEAD_WIDTH, 2 * l + 1);
            }
            if (!graph.attnOnly()) {
                place(graph.mlpUpstreamIndex(l), mlpLeft + MLP_WIDTH / 2, headsY - LAYER_PITCH / 2, MLP_WIDTH, 2 * l + 2);
            }
        }
        double inputY = logitsY + (layers + 1) * LAYER_PITCH;
        place(0, middle, inputY, IO_WIDTH, 0);
        bounds = new Bounds(0, 0, contentRight + MARGIN, inputY + NODE_HEIGHT / 2 + MARGIN);

        portX = new double[graph.receiverCount()];
        portY = new double[graph.receiverCount()];
        for (int r = 0; r < portX.length; r++) {
            int node = table.nodeOfReceiver(r);
            Qkv qkv = table.receiverId(r).qkv();
            // q, k, v at -¼, 0, +¼ of the head's width: far enough apart to tell at a glance, clear of the corners.
            double dx = qkv == null ? 0 : (qkv.ordinal() - 1) * width[node] / 4;
            portX[r] = centerX[node] + dx;
            portY[r] = centerY[node] + NODE_HEIGHT / 2;
        }
    }

    /**
     * Where input and logits are centred: in the gap between two columns of boxes nearest the middle, so that the direct
     * input → logits edge, a straight line between them, runs up that gap and through no head or MLP (through the middle
     * it crossed a head of every layer). A single head with no MLP has no gap: the column right of it.
     */
    static double ioCentre(int heads, boolean attnOnly, double middle) {
        int gaps = attnOnly ? heads - 1 : heads;
        if (gaps <= 0) {
            return Math.max(MARGIN + IO_WIDTH / 2, MARGIN + HEAD_WIDTH + (HEAD_PITCH - HEAD_WIDTH) / 2);
        }
        double best = Double.NaN;
        for (int h = 0; h < gaps; h++) {
            double gap = MARGIN + h * HEAD_PITCH + HEAD_WIDTH + (HEAD_PITCH - HEAD_WIDTH) / 2;
            if (Double.isNaN(best) || Math.abs(gap - middle) < Math.abs(best - middle)) {
                best = gap;
            }
        }
        return Math.max(MARGIN + IO_WIDTH / 2, best);
    }

    public static GraphLayout of(GraphIndex graph) {
        return new GraphLayout(graph);
    }

    private void place(int node, double x, double y, double w, int row) {
        centerX[node] = x;
        centerY[node] = y;
        width[node] = w;
        level[node] = row;
    }

    public GraphIndex graph() { return graph; }

    public EdgeTable table() { return table; }

    /** Everything drawn lies inside, caption band and margins included. */
    public Bounds bounds() { return bounds; }

    public int nodeCount() { return centerX.length; }

    public double centerX(int node) { return centerX[node]; }

    public double centerY(int node) { return centerY[node]; }

    public double width(int node) { return width[node]; }

    public double height(int node) { return NODE_HEIGHT; }

    public Bounds nodeBox(int node) {
        return new Bounds(centerX[node] - width[node] / 2, centerY[node] - NODE_HEIGHT / 2,
                centerX[node] + width[node] / 2, centerY[node] + NODE_HEIGHT / 2);
    }

    /** Vertical order from the bottom: input 0, heads of layer l 2l+1, m{l} 2l+2 (if any), logits 2·n_layer+1. */
    public int level(int node) { return level[node]; }

    /** Where edges leave a node: the middle of its top side. */
    public double outputX(int node) { return centerX[node]; }

    public double outputY(int node) { return centerY[node] - NODE_HEIGHT / 2; }

    /** Where edges into a receiver arrive, on the bottom side of its node. */
    public double portX(int receiver) { return portX[receiver]; }

    public double portY(int receiver) { return portY[receiver]; }

    public double startX(int edge) { return centerX[table.from(edge)]; }

    public double startY(int edge) { return outputY(table.from(edge)); }

    public double endX(int edge) { return portX[table.receiver(edge)]; }

    public double endY(int edge) { return portY[table.receiver(edge)]; }

    /**
     * Layer l's horizontal band, for shading layers apart: from just below its heads' row up to just below the next
     * layer's, so it holds the layer's heads and its MLP (raised half a row); bands of consecutive layers touch.
     */
    public Bounds layerBand(int l) {
        if (l < 0 || l >= graph.nLayer()) {
            throw new IllegalArgumentException("layer " + l + " of " + graph.nLayer());
        }
        double headsY = centerY[graph.upstreamIndex(l, 0)];
        double bottom = headsY + NODE_HEIGHT / 2 + (LAYER_PITCH - 2 * NODE_HEIGHT) / 4;
        return new Bounds(0, bottom - LAYER_PITCH, bounds.maxX(), bottom);
    }

    /** Top-left of the caption line, above logits. */
    public double captionX() { return MARGIN; }

    public double captionY() { return MARGIN + CAPTION_BAND / 2 - 4; }

    /** The node whose box contains the point, for hover and click; 157 boxes, so a plain scan. */
    public OptionalInt nodeAt(double x, double y) {
        for (int n = 0; n < centerX.length; n++) {
            if (Math.abs(x - centerX[n]) <= width[n] / 2 && Math.abs(y - centerY[n]) <= NODE_HEIGHT / 2) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    /** Short label drawn in the node: the EAP name ({@code a3.h7}, {@code m3}, {@code input}, {@code logits}). */
    public String label(int node) {
        NodeId id = table.node(node);
        return id.name();
    }
}
