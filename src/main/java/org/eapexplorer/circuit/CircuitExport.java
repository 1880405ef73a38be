package org.eapexplorer.circuit;

import java.io.IOException;
import java.nio.file.Path;
import org.eapexplorer.io.ScoreFile;

/**
 * One entry point for every export, shared by the {@code render} command and the window's Export action, so both
 * produce the same files. Every file is written through a temporary sibling and moved into place.
 */
public final class CircuitExport {

    private CircuitExport() {
    }

    /**
     * Writes {@code circuit} to {@code out} in the format its extension names.
     *
     * @param source metadata for the JSON export and the caption (model, prompts, metric), or null
     * @param scale  pixels per layout unit for PNG (and the nominal size of SVG)
     * @throws IllegalArgumentException for an extension that names no {@link ExportFormat}
     */
    public static ExportFormat write(Path out, Circuit circuit, ScoreFile source, PaintStyle style, double scale) throws IOException {
        ExportFormat format = ExportFormat.forFile(out).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the format of " + out + ": use one of " + ExportFormat.supportedExtensions()));
        write(out, format, circuit, source, style, scale);
        return format;
    }

    /**
     * As above in a given format. A figure is drawn at its natural size (one layout unit a point, the whole layout
     * shown) with the legend strip and a caption that does not know the method; {@link #writeFigure} chooses all that.
     */
    public static void write(Path out, ExportFormat format, Circuit circuit, ScoreFile source, PaintStyle style,
                             double scale) throws IOException {
        switch (format) {
            case SVG, PNG, PDF -> {
                GraphLayout layout = GraphLayout.of(circuit.graph());
                FigureSize size = naturalSize(layout, true, scale);
                writeFigure(out, format, layout, circuit, style, SignPalette.RED_BLUE, size, Caption.of(source, null, circuit).text());
            }
            case JSON -> CircuitJson.write(out, circuit, source);
            case DOT -> CircuitDot.write(out, circuit, style);
            case CSV -> EdgeCsv.write(out, circuit);
        }
    }

    /** A graph figure as wide as its layout, as high as that needs, at {@code pixelsPerUnit} for PNG. */
    public static FigureSize naturalSize(GraphLayout layout, boolean caption, double pixelsPerUnit) {
        double width = Figure.graphBounds(layout).width();
        return FigureSize.ofScale(width, Figure.graphHeight(layout, width, caption), pixelsPerUnit);
    }

    /**
     * The graph of {@code circuit} with its legend strip and {@code caption} (null for none) as a PDF, SVG or PNG
     * figure of {@code size}; {@code style}'s sign colours are replaced by {@code palette}'s.
     */
    public static void writeFigure(Path out, ExportFormat format, GraphLayout layout, Circuit circuit, PaintStyle style,
                                   SignPalette palette, FigureSize size, String caption) throws IOException {
        graphFigure(layout, circuit, style, palette, caption).write(out, format, size);
    }

    /** The graph of {@code circuit} with its legend strip and {@code caption} (null for none), in {@code palette}'s colours. */
    public static Figure graphFigure(GraphLayout layout, Circuit circuit, PaintStyle style, SignPalette palette, String caption) {
        return graphFigure(layout, circuit, style, palette, GraphLegend.Wording.scores(circuit, palette), caption);
    }

    /** As above, the legend saying {@code wording} (e.g. that the colours are a difference of two score sets). */
    public static Figure graphFigure(GraphLayout layout, Circuit circuit, PaintStyle style, SignPalette palette,
                                     GraphLegend.Wording wording, String caption) {
        return graphFigure(layout, circuit, style, palette, wording, null, caption);
    }

    /** As above, the nodes filled as {@code nodeColours} says (null for plain). */
    public static Figure graphFigure(GraphLayout layout, Circuit circuit, PaintStyle style, SignPalette palette,
                                     GraphLegend.Wording wording, NodeColours nodeColours, String caption) {
        return new Figure(Figure.graph(layout, circuit, style.withPalette(palette), wording, nodeColours), caption);
    }
}
