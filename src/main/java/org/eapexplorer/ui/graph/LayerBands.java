package org.eapexplorer.ui.graph;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;
import org.eapexplorer.circuit.Bounds;
import org.eapexplorer.circuit.GraphLayout;

/**
 * The graph's layers told apart in the window: every other layer's band shaded under the graph, and "L0", "L1", … at
 * the view's left edge beside each band, where they stay while the graph is panned sideways. A deep model's rows of
 * heads otherwise read as one grid when zoomed out.
 */
final class LayerBands {

    private static final Color SHADE = Color.rgb(242, 244, 247);
    private static final Color LABEL = Color.gray(0.45);
    /** A label needs its band at least this tall on screen. */
    private static final double MIN_LABEL_BAND_PX = 11;

    private LayerBands() {
    }

    /** Under the graph, with the view's transform set (layout units). */
    static void paintBands(GraphicsContext gc, GraphLayout layout) {
        gc.setFill(SHADE);
        for (int l = 0; l < layout.graph().nLayer(); l += 2) {
            Bounds band = layout.layerBand(l);
            gc.fillRect(band.minX(), band.minY(), band.width(), band.height());
        }
    }

    /** Over the graph, in screen pixels (the identity transform set). */
    static void paintLabels(GraphicsContext gc, GraphLayout layout, Viewport viewport) {
        gc.setFill(LABEL);
        gc.setFont(Font.font(10));
        gc.setTextBaseline(VPos.CENTER);
        gc.setTextAlign(TextAlignment.LEFT);
        for (int l = 0; l < layout.graph().nLayer(); l++) {
            Bounds band = layout.layerBand(l);
            if (band.height() * viewport.scale() >= MIN_LABEL_BAND_PX) {
                gc.fillText("L" + l, 3, (band.minY() + band.maxY()) / 2 * viewport.scale() + viewport.ty());
            }
        }
    }
}
