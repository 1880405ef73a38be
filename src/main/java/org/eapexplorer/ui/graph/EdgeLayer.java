package org.eapexplorer.ui.graph;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.WritableImage;
import org.eapexplorer.circuit.Circuit;
import org.eapexplorer.circuit.CircuitPainter;
import org.eapexplorer.circuit.BlankCanvas;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphLayout;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.circuit.Selection;

/**
 * The kept edges of a circuit as one cached image, so that hovering, selecting and stepping through edges
 * repaint only nodes and highlights on top of it, and a threshold change re-rasterises the edges once, through
 * {@link StrokeRaster}. The cache is keyed on the circuit, the view transform and the canvas size.
 *
 * <p>It relies on {@link CircuitPainter} drawing each kept edge with exactly one stroke, before any highlight:
 * the first {@code circuit.edgeCount()} strokes of a paint are the edges. If a painter ever draws differently,
 * the stroke count will not match and {@link #usable()} turns false, and the view paints without the cache.
 */
final class EdgeLayer {

    /** Below this many edges one thread rasterises faster than two can start. */
    static final int PARALLEL_MIN_EDGES = Integer.getInteger("eap.parallelMinEdges", 1000);
    private static final int PARALLELISM = Math.min(2, Runtime.getRuntime().availableProcessors());

    private final StrokeRaster raster = new StrokeRaster();
    private Circuit circuit;
    private double scale;
    private double tx;
    private double ty;
    private int width;
    private int height;
    private WritableImage image;
    /** The part of the image that holds edges, {x, y, w, h} in image pixels. */
    private int[] box = new int[4];
    private boolean usable = true;
    private long rasterisations;

    boolean usable() {
        return usable;
    }

    /** How often the edges were rasterised, so tests can check that a selection change does not do it. */
    long rasterisations() {
        return rasterisations;
    }

    /** The edge image for this circuit and view, rasterised only when one of them changed. */
    WritableImage image(GraphLayout layout, Circuit c, PaintStyle style, double s, double x, double y, int w, int h) {
        if (image != null && c == circuit && s == scale && x == tx && y == ty && w == width && h == height) {
            return image;
        }
        rasterisations++;
        raster.resize(w, h);
        raster.clear();
        if (c.edgeCount() >= PARALLEL_MIN_EDGES && PARALLELISM > 1 && h >= 2) {
            // Top and bottom halves on two threads: each walks every edge but fills only its own rows.
            StrokeRaster top = raster.band(0, h / 2);
            StrokeRaster bottom = raster.band(h / 2, h);
            CompletableFuture<Integer> lower = CompletableFuture.supplyAsync(
                    () -> rasterise(bottom, layout, c, style, s, x, y), ForkJoinPool.commonPool());
            int upper = rasterise(top, layout, c, style, s, x, y);
            usable = upper == c.edgeCount() && lower.join() == c.edgeCount();
            raster.absorb(top);
            raster.absorb(bottom);
        } else {
            usable = rasterise(raster, layout, c, style, s, x, y) == c.edgeCount();
        }
        box = raster.dirtyBox();
        image = raster.upload();
        circuit = c;
        scale = s;
        tx = x;
        ty = y;
        width = w;
        height = h;
        return image;
    }

    /** Strokes the circuit's edges into {@code into}; returns how many strokes the painter made (edges, then highlights). */
    private static int rasterise(StrokeRaster into, GraphLayout layout, Circuit c, PaintStyle style, double s, double x, double y) {
        EdgeStrokes strokes = new EdgeStrokes(into, c.edgeCount(), s, x, y);
        CircuitPainter.paint(strokes, layout, c, style, Selection.NONE);
        return strokes.count;
    }

    /** {x, y, w, h} of the edges in the last image: compositing only that box saves most of the blending. */
    int[] box() {
        return box.clone();
    }

    /** Paints everything but the edges on {@code gc} (set to the view transform), with the edge image under the nodes. */
    static GraphCanvas over(FxGraphCanvas fx, GraphicsContext gc, WritableImage edges, int[] box, int edgeCount,
                            double pixelsPerImagePixel) {
        return new Overlay(fx, gc, edges, box, edgeCount, pixelsPerImagePixel);
    }

    /** Collects the first {@code limit} strokes (the edges) into the raster; draws nothing else. */
    private static final class EdgeStrokes extends BlankCanvas {
        private final StrokeRaster raster;
        private final int limit;
        private final double s;
        private final double x;
        private final double y;
        int count;

        EdgeStrokes(StrokeRaster raster, int limit, double s, double x, double y) {
            this.raster = raster;
            this.limit = limit;
            this.s = s;
            this.x = x;
            this.y = y;
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
            if (count++ < limit) {
                raster.line(x1 * s + x, y1 * s + y, x2 * s + x, y2 * s + y, color.argb(), width * s);
            }
        }

        @Override
        public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                          Rgba color, double width) {
            if (count++ < limit) {
                raster.cubic(x1 * s + x, y1 * s + y, c1x * s + x, c1y * s + y, c2x * s + x, c2y * s + y, x2 * s + x,
                        y2 * s + y, color.argb(), width * s);
            }
        }
    }

    /** Skips the edge strokes and puts the cached image where the first of them would have been drawn. */
    private static final class Overlay extends BlankCanvas {
        private final FxGraphCanvas fx;
        private final GraphicsContext gc;
        private final WritableImage edges;
        private final int[] box;
        private final int edgeCount;
        private final double unit;
        private int strokes;

        Overlay(FxGraphCanvas fx, GraphicsContext gc, WritableImage edges, int[] box, int edgeCount, double unit) {
            this.fx = fx;
            this.gc = gc;
            this.edges = edges;
            this.box = box;
            this.edgeCount = edgeCount;
            this.unit = unit;
        }

        private boolean isEdge() {
            if (strokes == 0) {
                fx.finish();
                gc.save();
                gc.setTransform(1, 0, 0, 1, 0, 0);
                if (box[2] > 0 && box[3] > 0) {
                    gc.drawImage(edges, box[0], box[1], box[2], box[3], box[0] * unit, box[1] * unit, box[2] * unit,
                            box[3] * unit);
                }
                gc.restore();
            }
            return strokes++ < edgeCount;
        }

        @Override
        public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
            if (!isEdge()) {
                fx.line(x1, y1, x2, y2, color, width);
            }
        }

        @Override
        public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                          Rgba color, double width) {
            if (!isEdge()) {
                fx.cubic(x1, y1, c1x, c1y, c2x, c2y, x2, y2, color, width);
            }
        }

        @Override
        public void fillRect(double x, double y, double w, double h, Rgba color) {
            fx.fillRect(x, y, w, h, color);
        }

        @Override
        public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
            fx.strokeRect(x, y, w, h, color, width);
        }

        @Override
        public void fillCircle(double cx, double cy, double r, Rgba color) {
            fx.fillCircle(cx, cy, r, color);
        }

        @Override
        public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
            fx.text(x, y, text, size, anchor, color);
        }
    }
}
