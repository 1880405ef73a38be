package org.eapexplorer.ui.graph;

import java.util.OptionalInt;
import java.util.function.Consumer;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.CircuitPainter;
import org.eapexplorer.circuit.EdgeHitTester;
import org.eapexplorer.circuit.EdgeTable;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.Selection;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.CircuitViewModel;
import org.eapexplorer.ui.EdgeDetails;

/**
 * The circuit on a Canvas, drawn by the circuit package's painter in the fixed layered layout; the mouse and keys are
 * {@link GraphInput}'s. Painting happens once per layout pulse after something changed, never on a timer.
 */
public final class GraphView extends StackPane {

    /** How close (in pixels) the pointer must be to an edge's stroke to hover or pick it. */
    static final double PICK_TOLERANCE_PX = 4;
    /** Below this zoom labels and edges run together: GPT-2 small's 12 layers fit the default window at about 0.2. */
    static final double LEGIBLE_SCALE = 0.2;
    /**
     * From this many drawn edges on, edges go through the cached {@link EdgeLayer} instead of the canvas's own
     * shapes. The two look alike; the layer is much faster in JavaFX's software pipeline (40 wide antialiased
     * curves cost the canvas more than 2,000 thin ones cost the layer), so it is used from the first edge.
     * {@code -Deap.rasterMinEdges=N} changes it, e.g. to compare.
     */
    public static final int RASTER_MIN_EDGES = Integer.getInteger("eap.rasterMinEdges", 1);
    /** Fit enlarges a small graph no further than this: labels about 25 px high, boxes 160 px wide. */
    public static final double MAX_FIT_SCALE = 2.5;
    /** Room Fit leaves beside the outermost nodes for the layer labels (L0, L1 …), and above and below, in layout units. */
    static final double FIT_SIDE_ROOM = 24;
    static final double FIT_END_ROOM = 8;

    private final AppState state;
    private final CircuitViewModel circuits;
    private final Canvas canvas = new Canvas();
    private final Pane canvasPane = new Pane(canvas);
    private final Label emptyState = new Label();
    private final Viewport viewport = new Viewport();
    private final EdgeLayer edgeLayer = new EdgeLayer();
    private PaintStyle baseStyle = PaintStyle.defaults();
    private org.eapexplorer.circuit.SignPalette palette = org.eapexplorer.circuit.SignPalette.RED_BLUE;
    private GraphLayout layout;
    private PaintStyle style = baseStyle;
    private EdgeHitTester hitTester;
    private int hovered = -1;
    private boolean dirty = true;
    private boolean needsFit = true;
    private int drawnEdges;
    private long paints;
    /** Whether the view is as Fit left it (no zoom or pan since): then a new pane size fits it again. */
    private boolean fitted;
    private Consumer<String> hoverText = text -> { };
    private javafx.beans.value.ObservableValue<java.util.BitSet> marked;
    private int drawnMarked;
    private javafx.beans.value.ObservableValue<org.eapexplorer.circuit.ScoreRanking> colouring;
    private Circuit recolouredFrom;
    private Circuit recoloured;
    private final javafx.beans.property.BooleanProperty colourNodes = new javafx.beans.property.SimpleBooleanProperty(this,
            "colourNodes", false);
    /** The node colours of {@link #colouredScores}, kept while the scores stay the same. */
    private org.eapexplorer.circuit.NodeColours nodeColours;
    private org.eapexplorer.model.EdgeScores colouredScores;

    public GraphView(AppState state, CircuitViewModel circuits) {
        this.state = state;
        this.circuits = circuits;
        getStyleClass().add("graph-view");
        setId("graphView");
        setFocusTraversable(true);
        setMinSize(0, 0);
        canvasPane.setMinSize(0, 0);
        emptyState.setId("emptyState");
        emptyState.getStyleClass().add("empty-state");
        emptyState.setWrapText(true);
        emptyState.setMaxWidth(440);
        emptyState.setMouseTransparent(true);
        getChildren().addAll(canvasPane, emptyState);

        canvas.widthProperty().bind(canvasPane.widthProperty());
        canvas.heightProperty().bind(canvasPane.heightProperty());
        canvas.widthProperty().addListener(o -> sizeChanged());
        canvas.heightProperty().addListener(o -> sizeChanged());

        circuits.circuitProperty().addListener((obs, old, c) -> circuitChanged(old, c));
        state.selectedEdgeProperty().addListener(o -> invalidate());
        colourNodes.addListener(o -> invalidate());
        state.jobProperty().addListener(o -> updateEmptyState());
        updateEmptyState();

        new GraphInput(this, state, circuits).install();
        if (circuits.circuit() != null) {
            circuitChanged(null, circuits.circuit());
        }
    }

    /** Where hover descriptions go (the status bar). */
    public void setHoverTextSink(Consumer<String> sink) {
        this.hoverText = sink;
    }

    /** Edges to highlight besides the selection, e.g. those brushed in the scatter; null values mark none. */
    public void showMarked(javafx.beans.value.ObservableValue<java.util.BitSet> edges) {
        marked = edges;
        edges.addListener(o -> invalidate());
        invalidate();
    }

    /**
     * Scores to colour (and width) the kept edges by instead of their own, e.g. the difference of two score sets; a
     * null value, or scores of another graph, draws the scores themselves. Which edges are kept does not change.
     */
    public void colourBy(javafx.beans.value.ObservableValue<org.eapexplorer.circuit.ScoreRanking> scores) {
        colouring = scores;
        scores.addListener(o -> invalidate());
        invalidate();
    }

    /** The circuit as painted: the kept edges over the colouring scores when there are any. */
    private Circuit painted(Circuit c) {
        org.eapexplorer.circuit.ScoreRanking by = colouring == null ? null : colouring.getValue();
        if (c == null || by == null || !EdgeTable.sameShape(by.graph(), c.graph())) {
            return c;
        }
        if (recolouredFrom != c || recoloured.ranking() != by) {
            // Cached: the edge layer rasterises again only when the circuit it is handed is a new one.
            recoloured = c.colouredBy(by);
            recolouredFrom = c;
        }
        return recoloured;
    }

    /** Whether nodes are filled by their node scores (the sum of their out-edges' scores) instead of plain. */
    public javafx.beans.property.BooleanProperty colourNodesProperty() {
        return colourNodes;
    }

    /** The node colours the graph paints with now, or null when nodes are plain. */
    public org.eapexplorer.circuit.NodeColours nodeColours() {
        Circuit c = circuits.circuit();
        if (!colourNodes.get() || c == null) {
            return null;
        }
        if (colouredScores != c.scores()) {
            colouredScores = c.scores();
            nodeColours = NodeScoreColours.of(c.scores(), palette);
        }
        return nodeColours;
    }

    /** Marked edges highlighted by the last paint. */
    public int drawnMarkedCount() {
        return drawnMarked;
    }

    /** Edges drawn by the last paint. */
    public int drawnEdgeCount() {
        return drawnEdges;
    }

    /** How many times the canvas has been painted, so tests can check that nothing repaints without a change. */
    public long paintCount() {
        return paints;
    }

    /** How often a large circuit's edges were rasterised into the cached edge layer. */
    public long edgeRasterisations() {
        return edgeLayer.rasterisations();
    }

    public Canvas canvas() {
        return canvas;
    }

    public Viewport viewport() {
        return viewport;
    }

    public GraphLayout layoutModel() {
        return layout;
    }

    public int hoveredEdge() {
        return hovered;
    }

    /** Screen point (in this view's coordinates) on the middle of an edge's drawn curve, e.g. for a test's click. */
    public double[] screenPointOnEdge(int edge) {
        double x1 = layout.startX(edge);
        double y1 = layout.startY(edge);
        double x2 = layout.endX(edge);
        double y2 = layout.endY(edge);
        // The painter's curves leave and enter vertically; at t = ½ a cubic with those control points passes the midpoint.
        return new double[] {(x1 + x2) / 2 * viewport.scale() + viewport.tx(), (y1 + y2) / 2 * viewport.scale() + viewport.ty()};
    }

    /**
     * Fits the graph's nodes (not the caption band and margins an export leaves) to the pane, enlarging a small model
     * up to {@link #MAX_FIT_SCALE}; the view then follows the pane's size (Large charts, a dragged split, the window)
     * until the user zooms or pans.
     */
    public void fitToWindow() {
        if (layout != null) {
            viewport.fitLegibly(fitBounds(layout), canvas.getWidth(), canvas.getHeight(), LEGIBLE_SCALE, MAX_FIT_SCALE);
            needsFit = canvas.getWidth() <= 0 || canvas.getHeight() <= 0;
            fitted = true;
            viewChanged();
        }
    }

    /** Fits again once the pane has its next size (e.g. after Large charts moved the split). */
    public void fitWhenLaidOut() {
        needsFit = true;
        requestLayout();
    }

    /** The nodes' extent with room for the layer labels on the left (and symmetrically on the right). */
    static org.eapexplorer.circuit.Bounds fitBounds(GraphLayout l) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int n = 0; n < l.nodeCount(); n++) {
            org.eapexplorer.circuit.Bounds b = l.nodeBox(n);
            minX = Math.min(minX, b.minX());
            minY = Math.min(minY, b.minY());
            maxX = Math.max(maxX, b.maxX());
            maxY = Math.max(maxY, b.maxY());
        }
        return new org.eapexplorer.circuit.Bounds(minX - FIT_SIDE_ROOM, minY - FIT_END_ROOM, maxX + FIT_SIDE_ROOM, maxY + FIT_END_ROOM);
    }

    public void zoom(double factor) {
        viewport.zoomAt(factor, canvas.getWidth() / 2, canvas.getHeight() / 2);
        userMoved();
    }

    /** A zoom or pan of the user's: the view no longer follows the pane's size. */
    void userMoved() {
        fitted = false;
        viewChanged();
    }

    void panBy(double dx, double dy) {
        viewport.pan(dx, dy);
        fitted = false;
        invalidate();
    }

    /** Paints now if anything changed since the last paint; returns whether it painted. */
    public boolean paintIfDirty() {
        if (!dirty) {
            return false;
        }
        paint();
        return true;
    }

    /** Paints unconditionally (the benchmark's entry point). */
    public void paint() {
        dirty = false;
        paints++;
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        gc.setFill(Color.WHITE);
        gc.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
        Circuit circuit = painted(circuits.circuit());
        if (circuit == null || layout == null) {
            drawnEdges = 0;
            drawnMarked = 0;
            return;
        }
        gc.setTransform(viewport.scale(), 0, 0, viewport.scale(), viewport.tx(), viewport.ty());
        LayerBands.paintBands(gc, layout);
        int selected = state.selectedEdge();
        FxGraphCanvas fxCanvas = new FxGraphCanvas(gc, viewport.scale());
        java.util.BitSet marks = marked == null ? null : marked.getValue();
        if (marks != null && marks.length() > circuit.graph().edgeCount()) {
            marks = null;  // from another graph's scatter, about to be cleared
        }
        Selection selection = new Selection(selected, hovered, marks);
        org.eapexplorer.circuit.NodeColours fills = nodeColours();
        drawnMarked = marks == null ? 0 : marks.cardinality();
        if (circuit.edgeCount() >= RASTER_MIN_EDGES && edgeLayer.usable()) {
            // The edges come from the cached layer, rasterised at the window's render scale (sharp on HiDPI screens);
            // nodes, labels and the hover/selection highlights are drawn on top as shapes.
            double rs = renderScale();
            var edges = edgeLayer.image(layout, circuit, style, viewport.scale() * rs, viewport.tx() * rs, viewport.ty() * rs,
                    (int) Math.ceil(canvas.getWidth() * rs), (int) Math.ceil(canvas.getHeight() * rs));
            if (edgeLayer.usable()) {
                CircuitPainter.paint(EdgeLayer.over(fxCanvas, gc, edges, edgeLayer.box(), circuit.edgeCount(), 1 / rs),
                        layout, circuit, style, selection, fills);
                fxCanvas.finish();
                gc.setTransform(1, 0, 0, 1, 0, 0);
                LayerBands.paintLabels(gc, layout, viewport);
                drawnEdges = circuit.edgeCount();
                return;
            }
        }
        CircuitPainter.paint(fxCanvas, layout, circuit, style, selection, fills);
        fxCanvas.finish();
        gc.setTransform(1, 0, 0, 1, 0, 0);
        LayerBands.paintLabels(gc, layout, viewport);
        drawnEdges = circuit.edgeCount();
    }

    private double renderScale() {
        if (getScene() == null || getScene().getWindow() == null) {
            return 1;
        }
        double rs = getScene().getWindow().getRenderScaleX();
        return rs > 0 ? rs : 1;
    }

    @Override
    protected void layoutChildren() {
        super.layoutChildren();
        if (needsFit && layout != null && canvas.getWidth() > 0 && canvas.getHeight() > 0) {
            fitToWindow();
        }
        paintIfDirty();
    }

    private void circuitChanged(Circuit old, Circuit c) {
        if (c != null && (layout == null || !EdgeTable.sameShape(layout.graph(), c.graph()))) {
            layout = GraphLayout.of(c.graph());
            needsFit = true;
        }
        if (old == null || c == null || old.ranking() != c.ranking()) {
            hovered = -1;
        }
        hitTester = null;
        if (hovered >= 0 && (c == null || !c.hasEdge(hovered))) {
            setHovered(-1);
        }
        updateEmptyState();
        invalidate();
    }

    /** Draws edges and node scores in the sign colours {@code chosen} says, following it (View → Edge colours). */
    public void followPalette(javafx.beans.value.ObservableValue<org.eapexplorer.circuit.SignPalette> chosen) {
        chosen.addListener((obs, old, p) -> usePalette(p));
        usePalette(chosen.getValue());
    }

    private void usePalette(org.eapexplorer.circuit.SignPalette p) {
        palette = p == null ? org.eapexplorer.circuit.SignPalette.RED_BLUE : p;
        baseStyle = PaintStyle.defaults(palette);
        colouredScores = null;
        viewChanged();
    }

    private void viewChanged() {
        // Lines keep at least their layout width in pixels when zoomed out, so a fitted GPT-2 graph stays legible.
        style = legibleAt(baseStyle.withLineScale(Math.max(1, 1 / viewport.scale())), viewport.scale());
        hitTester = null;
        invalidate();
    }

    /** Node labels at least about 8 px high on screen when zoomed out (they may then spill over their boxes a little). */
    static PaintStyle legibleAt(PaintStyle s, double scale) {
        double size = Math.min(18, Math.max(s.labelSize(), 8 / scale));
        // No background of the painter's own: the view clears to white and shades the layer bands under the graph.
        return new PaintStyle(s.background().withAlpha(0), s.positive(), s.positiveWeak(), s.negative(), s.negativeWeak(), s.minEdgeWidth(),
                s.maxEdgeWidth(), s.curved(), s.nodeFill(), s.nodeStroke(), s.nodeStrokeWidth(), s.label(), size,
                s.showHiddenNodes(), s.hiddenNode(), s.selection(), s.hover());
    }

    private void sizeChanged() {
        if (needsFit || fitted) {
            fitToWindow();
        }
        invalidate();
    }

    void invalidate() {
        dirty = true;
        requestLayout();
    }

    private void updateEmptyState() {
        boolean noScores = circuits.circuit() == null;
        emptyState.setVisible(noScores);
        if (state.isBusy()) {
            emptyState.setText("Computing edge scores…");
        } else {
            emptyState.setText("No circuit yet.\n\nChoose a model directory (a Hugging Face GPT-2 folder with config.json and "
                    + "model.safetensors) and a prompt-pair file in the Run panel, then press Run EAP. "
                    + "A saved session (File ▸ Open session) opens without recomputing.");
        }
    }

    int edgeAt(double x, double y) {
        Circuit c = circuits.circuit();
        if (c == null || layout == null) {
            return -1;
        }
        if (hitTester == null) {
            hitTester = EdgeHitTester.of(layout, c, style);
        }
        OptionalInt e = hitTester.edgeAt(viewport.toLayoutX(x), viewport.toLayoutY(y), PICK_TOLERANCE_PX / viewport.scale());
        return e.orElse(-1);
    }

    void setHovered(int edge) {
        if (edge == hovered) {
            return;
        }
        hovered = edge;
        setCursor(edge >= 0 ? javafx.scene.Cursor.HAND : javafx.scene.Cursor.DEFAULT);
        hoverText.accept(edge >= 0 && circuits.ranking() != null
                ? EdgeDetails.of(edge, circuits.ranking(), circuits.circuit()).summary() : "");
        invalidate();
    }
}
