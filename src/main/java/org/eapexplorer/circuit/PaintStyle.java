package org.eapexplorer.circuit;

/**
 * Colours and sizes for {@link CircuitPainter}, in layout units.
 *
 * <p>Edge colour encodes the sign of the score with a {@link SignPalette} (by default ColorBrewer's RdBu; Okabe–Ito's
 * vermillion and blue for colour-blind readers): red for positive, blue for negative, from a mid tone for weak
 * edges to the dark end for the strongest. Edge width grows linearly with |score| relative to the largest kept
 * |score|, from {@code minEdgeWidth} so the weakest kept edge stays visible.
 *
 * @param showHiddenNodes draw nodes outside the circuit as faint outlines, so the layout stays recognisable
 * @param curved          draw edges as vertical-tangent Bézier curves instead of straight lines
 */
public record PaintStyle(Rgba background, Rgba positive, Rgba positiveWeak, Rgba negative, Rgba negativeWeak,
                         double minEdgeWidth, double maxEdgeWidth, boolean curved,
                         Rgba nodeFill, Rgba nodeStroke, double nodeStrokeWidth, Rgba label, double labelSize,
                         boolean showHiddenNodes, Rgba hiddenNode, Rgba selection, Rgba hover) {

    public PaintStyle {
        if (!(minEdgeWidth > 0 && maxEdgeWidth >= minEdgeWidth && nodeStrokeWidth >= 0 && labelSize > 0)) {
            throw new IllegalArgumentException("widths must satisfy 0 < min ≤ max, label size > 0: " + minEdgeWidth
                    + ", " + maxEdgeWidth + ", " + labelSize);
        }
    }

    public static PaintStyle defaults() {
        return defaults(SignPalette.RED_BLUE);
    }

    /** The default style with the sign colours of {@code palette}. */
    public static PaintStyle defaults(SignPalette palette) {
        return new PaintStyle(Rgba.hex("#FFFFFF"),
                palette.positive(), palette.positiveWeak(), palette.negative(), palette.negativeWeak(),
                0.6, 6.0, true,
                Rgba.hex("#F4F4F4"), Rgba.hex("#4D4D4D"), 1.0, Rgba.hex("#1A1A1A"), 11,
                true, Rgba.hex("#D4D4D4"), Rgba.hex("#000000").withAlpha(0.75), Rgba.hex("#000000").withAlpha(0.3));
    }

    /** The same style with the sign colours of {@code palette}. */
    public PaintStyle withPalette(SignPalette palette) {
        return new PaintStyle(background, palette.positive(), palette.positiveWeak(), palette.negative(), palette.negativeWeak(),
                minEdgeWidth, maxEdgeWidth, curved, nodeFill, nodeStroke, nodeStrokeWidth, label, labelSize, showHiddenNodes,
                hiddenNode, selection, hover);
    }

    public PaintStyle withCurved(boolean curved) {
        return new PaintStyle(background, positive, positiveWeak, negative, negativeWeak, minEdgeWidth, maxEdgeWidth,
                curved, nodeFill, nodeStroke, nodeStrokeWidth, label, labelSize, showHiddenNodes, hiddenNode, selection, hover);
    }

    public PaintStyle withShowHiddenNodes(boolean show) {
        return new PaintStyle(background, positive, positiveWeak, negative, negativeWeak, minEdgeWidth, maxEdgeWidth,
                curved, nodeFill, nodeStroke, nodeStrokeWidth, label, labelSize, show, hiddenNode, selection, hover);
    }

    /**
     * Line widths multiplied by {@code factor}: a zoomed-out window can pass {@code 1 / zoom} to keep edges a
     * constant number of pixels wide.
     */
    public PaintStyle withLineScale(double factor) {
        if (!(factor > 0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("line scale must be positive, got " + factor);
        }
        return new PaintStyle(background, positive, positiveWeak, negative, negativeWeak, minEdgeWidth * factor,
                maxEdgeWidth * factor, curved, nodeFill, nodeStroke, nodeStrokeWidth * factor, label, labelSize,
                showHiddenNodes, hiddenNode, selection, hover);
    }

    /** Width of an edge whose |score| is {@code relative} (0–1) of the largest kept |score|. */
    public double edgeWidth(double relative) {
        double r = relative > 1 ? 1 : relative > 0 ? relative : 0;
        return minEdgeWidth + (maxEdgeWidth - minEdgeWidth) * r;
    }
}
