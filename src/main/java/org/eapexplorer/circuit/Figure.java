package org.eapexplorer.circuit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eapexplorer.io.AtomicFiles;

/**
 * One exported figure, composed in one place for the window and the {@code render} command: a body (the graph with
 * its legend strip, or a chart, which draws its own legend) above a caption line saying what the figure shows,
 * written as PDF, SVG or PNG at a {@link FigureSize}. Layout units are points; the body gets whatever the caption
 * leaves.
 */
public final class Figure {

    /** Something that draws itself into a {@code width × height} box at the origin, as the chart painters do. */
    @FunctionalInterface
    public interface Body {
        void paint(GraphCanvas canvas, double width, double height);
    }

    static final double CAPTION_FONT = 8;
    static final double CAPTION_LINE = 11;
    static final double MARGIN = 6;
    /** Room around the outermost node boxes: the thickest edge's half width and its round cap, with some air. */
    static final double GRAPH_PAD = 12;
    private static final Rgba INK = Rgba.hex("#1A1A1A");
    private static final Rgba PAPER = Rgba.hex("#FFFFFF");

    private final Body body;
    private final String caption;

    /** @param caption the caption line, or null or blank for none */
    public Figure(Body body, String caption) {
        this.body = body;
        this.caption = caption == null || caption.isBlank() ? null : caption.strip();
    }

    /** The circuit graph fitted into the body, its legend strip below it. */
    public static Body graph(GraphLayout layout, Circuit circuit, PaintStyle style, SignPalette palette) {
        return graph(layout, circuit, style, GraphLegend.Wording.scores(circuit, palette));
    }

    /** As {@link #graph(GraphLayout, Circuit, PaintStyle, SignPalette)}, the legend saying {@code wording}. */
    public static Body graph(GraphLayout layout, Circuit circuit, PaintStyle style, GraphLegend.Wording wording) {
        return graph(layout, circuit, style, wording, null);
    }

    /** As above, the nodes filled as {@code nodeColours} says (node scores, as the window shows them); null for plain. */
    public static Body graph(GraphLayout layout, Circuit circuit, PaintStyle style, GraphLegend.Wording wording, NodeColours nodeColours) {
        Bounds b = graphBounds(layout);
        return (canvas, width, height) -> {
            double graphHeight = Math.max(1, height - GraphLegend.HEIGHT);
            double s = Math.min(width / b.width(), graphHeight / b.height());
            double dx = (width - b.width() * s) / 2 - b.minX() * s;
            double dy = (graphHeight - b.height() * s) / 2 - b.minY() * s;
            CircuitPainter.paint(new FittedCanvas(canvas, s, dx, dy), layout, circuit, style, Selection.NONE, nodeColours);
            GraphLegend.paint(canvas, 0, graphHeight, width, circuit, style, wording, s);
        };
    }

    /**
     * A chart fitted into a figure: the chart painters lay text out at 11 units for a window several hundred pixels
     * wide, so on a paper-sized page (a 7 in column is 504 pt) they are drawn as if {@link #CHART_WIDTH} units wide
     * and scaled down, no further than {@link #CHART_MIN_SCALE}: text comes out between about 8 and 11 pt and the
     * legend keeps the room it has in the window, instead of 11 pt text crowding a small plot.
     */
    public static Body chart(Body chart) {
        return (canvas, width, height) -> {
            double s = Math.max(CHART_MIN_SCALE, Math.min(1, width / CHART_WIDTH));
            if (s == 1) {
                chart.paint(canvas, width, height);
            } else {
                chart.paint(new FittedCanvas(canvas, s, 0, 0), width / s, height / s);
            }
        };
    }

    /** The width the chart painters' text sizes suit (the window's chart pane, the histogram's old export). */
    static final double CHART_WIDTH = 720;
    /** 11-unit chart text at this scale is 8 pt, the smallest a paper's figure text should be. */
    static final double CHART_MIN_SCALE = 8.0 / 11;

    /**
     * The part of the layout a figure shows: every node box (hidden nodes too) with room for the widest edge around
     * it, without the caption band the layout keeps above logits for the window, since a figure has its own caption.
     */
    public static Bounds graphBounds(GraphLayout layout) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < layout.nodeCount(); n++) {
            Bounds box = layout.nodeBox(n);
            minX = Math.min(minX, box.minX());
            minY = Math.min(minY, box.minY());
            maxX = Math.max(maxX, box.maxX());
            maxY = Math.max(maxY, box.maxY());
        }
        Bounds all = layout.bounds();
        if (!(minX <= maxX)) {
            return all;
        }
        double pad = GRAPH_PAD;
        return new Bounds(Math.max(all.minX(), minX - pad), Math.max(all.minY(), minY - pad), Math.min(all.maxX(), maxX + pad),
                Math.min(all.maxY(), maxY + pad));
    }

    /** Height a graph figure of {@code width} needs to show the whole layout at that width, legend and caption included. */
    public static double graphHeight(GraphLayout layout, double width, boolean caption) {
        Bounds b = graphBounds(layout);
        return width * b.height() / b.width() + GraphLegend.HEIGHT + (caption ? CAPTION_LINE * 2 + MARGIN : 0);
    }

    public String caption() {
        return caption;
    }

    /** Draws the figure into {@code width × height}: paper, body, caption (wrapped at " · " when too wide). */
    public void paint(GraphCanvas canvas, double width, double height) {
        canvas.fillRect(0, 0, width, height, PAPER);
        List<String> lines = caption == null ? List.of() : wrap(canvas, caption, width - 2 * MARGIN);
        double captionHeight = lines.isEmpty() ? 0 : lines.size() * CAPTION_LINE + MARGIN;
        body.paint(canvas, width, height - captionHeight);
        double y = height - captionHeight + CAPTION_LINE / 2;
        if (canvas.wantsGroups() && !lines.isEmpty()) {
            canvas.beginGroup("caption", caption);
        }
        for (String line : lines) {
            canvas.text(MARGIN, y, line, CAPTION_FONT, GraphCanvas.Anchor.START, INK);
            y += CAPTION_LINE;
        }
        if (canvas.wantsGroups() && !lines.isEmpty()) {
            canvas.endGroup();
        }
    }

    /** Breaks the caption after its " · " separators so that each line fits {@code width}; a single long part stays whole. */
    static List<String> wrap(GraphCanvas canvas, String text, double width) {
        List<String> lines = new ArrayList<>();
        String[] parts = text.split(" · ");
        StringBuilder line = new StringBuilder();
        for (String part : parts) {
            String candidate = line.isEmpty() ? part : line + " · " + part;
            if (!line.isEmpty() && canvas.textWidth(candidate, CAPTION_FONT) > width) {
                lines.add(line + " ·");
                line = new StringBuilder(part);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Writes the figure as {@code format} (PDF, SVG or PNG) at {@code size}, through a temporary file moved into place.
     * PNG and PDF carry the caption as their description (a PNG iTXt "Description", the PDF's subject), so the file
     * says what it shows.
     */
    public void write(Path out, ExportFormat format, FigureSize size) throws IOException {
        Bounds page = new Bounds(0, 0, size.width(), size.height());
        switch (format) {
            case PDF -> {
                try (PdfCanvas pdf = new PdfCanvas(page)) {
                    paint(pdf, size.width(), size.height());
                    pdf.describe("EAP Explorer figure", caption);
                    pdf.write(out);
                }
            }
            case SVG -> {
                // The viewBox is in points; 96/72 makes the nominal size the figure's size in CSS inches.
                SvgCanvas svg = new SvgCanvas(page, 96.0 / 72);
                paint(svg, size.width(), size.height());
                svg.write(out);
            }
            case PNG -> AtomicFiles.writeBytes(out, png(size));
            default -> throw new IllegalArgumentException("a figure is written as .pdf, .svg or .png, not ." + format.extension());
        }
    }

    /**
     * The figure as PNG bytes at {@code size}, the caption in an iTXt "Description" chunk and the DPI in pHYs: what
     * a .png export writes, and what the window copies to the clipboard.
     */
    public byte[] png(FigureSize size) throws IOException {
        String problem = size.pngProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        try (PngCanvas png = new PngCanvas(new Bounds(0, 0, size.width(), size.height()), size.pixelsPerPoint())) {
            paint(png, size.width(), size.height());
            return png.encodePng(caption == null ? Map.of("Software", software())
                    : Map.of("Description", caption, "Software", software()), size.dpi());
        }
    }

    private static String software() {
        return "EAP Explorer " + org.eapexplorer.io.ProgramVersion.VERSION;
    }
}
