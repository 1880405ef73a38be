package org.eapexplorer.circuit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
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
     * @param source metadata for the JSON export (model, prompts, metric), or null
     * @param scale  pixels per layout unit for PNG (and the nominal size of SVG)
     * @throws IllegalArgumentException for an extension that names no {@link ExportFormat}
     */
    public static ExportFormat write(Path out, Circuit circuit, ScoreFile source, PaintStyle style, double scale) throws IOException {
        ExportFormat format = ExportFormat.forFile(out).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the format of " + out + ": use one of " + ExportFormat.supportedExtensions()));
        write(out, format, circuit, source, style, scale);
        return format;
    }

    public static void write(Path out, ExportFormat format, Circuit circuit, ScoreFile source, PaintStyle style,
                             double scale) throws IOException {
        switch (format) {
            case SVG -> {
                GraphLayout layout = GraphLayout.of(circuit.graph());
                SvgCanvas svg = new SvgCanvas(layout.bounds(), scale);
                paintFigure(svg, layout, circuit, source, style);
                svg.write(out);
            }
            case PNG -> {
                GraphLayout layout = GraphLayout.of(circuit.graph());
                try (PngCanvas png = new PngCanvas(layout.bounds(), scale)) {
                    paintFigure(png, layout, circuit, source, style);
                    png.write(out);
                }
            }
            case JSON -> CircuitJson.write(out, circuit, source);
            case DOT -> CircuitDot.write(out, circuit, style);
            case CSV -> EdgeCsv.write(out, circuit);
        }
    }

    /** The painted circuit with a caption naming the cut (and the model and metric when known). */
    public static void paintFigure(GraphCanvas canvas, GraphLayout layout, Circuit circuit, ScoreFile source, PaintStyle style) {
        CircuitPainter.paint(canvas, layout, circuit, style, Selection.NONE);
        String caption = circuit.describe();
        if (source != null) {
            // The model's directory name, not its full path: captions end up in papers.
            String model = Objects.requireNonNullElse(source.model(), "").replaceAll("[/\\\\]+$", "");
            model = model.substring(Math.max(model.lastIndexOf('/'), model.lastIndexOf('\\')) + 1);
            String metric = Objects.requireNonNullElse(source.metric(), "");
            caption = (model.isEmpty() ? "" : model + " · ") + (metric.isEmpty() ? "" : metric + " · ") + caption;
        }
        CircuitPainter.paintCaption(canvas, layout, style, caption);
    }
}
