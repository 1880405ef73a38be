package org.eapexplorer.circuit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.state.PDExtendedGraphicsState;
import org.apache.pdfbox.util.Matrix;
import org.eapexplorer.io.AtomicFiles;

/**
 * A {@link GraphCanvas} on one PDF page (Apache PDFBox): vector lines, cubics, rectangles and circles, and text in
 * the shipped DejaVu Sans, embedded as a subset, so the figure looks the same on a machine without that font and
 * {@link #textWidth} is the font's own. One layout unit is one PDF point (1/72 in); layout y grows downwards, PDF's
 * upwards, so every y is flipped against the page height here and nowhere else.
 *
 * <p>Groups become nothing: PDF viewers show no tooltips, and the edges are countable as stroked curves.
 */
public final class PdfCanvas implements GraphCanvas, AutoCloseable {

    static final String FONT_RESOURCE = "/org/eapexplorer/fonts/DejaVuSans.ttf";

    private final PDDocument document = new PDDocument();
    private final PDType0Font font;
    private final PDPageContentStream content;
    private final Bounds area;
    private final double pageHeight;
    private final Map<Double, PDExtendedGraphicsState> strokeAlpha = new HashMap<>();
    private final Map<Double, PDExtendedGraphicsState> fillAlpha = new HashMap<>();
    private final Map<Integer, Boolean> glyphs = new HashMap<>();
    private boolean closed;
    private Rgba lastStroke;
    private Rgba lastFill;
    private double lastWidth = -1;

    /** @param area what to draw, in layout units (points); it becomes the whole page */
    public PdfCanvas(Bounds area) {
        if (!(area.width() > 0 && area.height() > 0) || Double.isInfinite(area.width()) || Double.isInfinite(area.height())) {
            throw new IllegalArgumentException("a PDF page needs a positive size, got " + area.width() + " × " + area.height() + " pt");
        }
        this.area = area;
        this.pageHeight = area.height();
        try (InputStream in = PdfCanvas.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the PDF font " + FONT_RESOURCE + " is missing from the program");
            }
            font = PDType0Font.load(document, in);
            PDPage page = new PDPage(new PDRectangle((float) area.width(), (float) area.height()));
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            content.setLineCapStyle(1);
            content.setLineJoinStyle(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a PDF page", e);
        }
    }

    /** Title and subject of the document (what viewers show in its properties); either may be null. */
    public void describe(String title, String subject) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(title);
        info.setSubject(subject);
        info.setCreator("EAP Explorer " + org.eapexplorer.io.ProgramVersion.VERSION);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        run(() -> {
            stroke(color, width);
            content.moveTo(x(x1), y(y1));
            content.lineTo(x(x2), y(y2));
            content.stroke();
        });
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                      Rgba color, double width) {
        run(() -> {
            stroke(color, width);
            content.moveTo(x(x1), y(y1));
            content.curveTo(x(c1x), y(c1y), x(c2x), y(c2y), x(x2), y(y2));
            content.stroke();
        });
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        run(() -> {
            fill(color);
            content.addRect(x(x), y(y + h), (float) w, (float) h);
            content.fill();
        });
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        run(() -> {
            stroke(color, width);
            content.addRect(x(x), y(y + h), (float) w, (float) h);
            content.stroke();
        });
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        // Four Bézier quarters; k makes each within 0.03 % of a circle.
        double k = 0.5522847498 * r;
        run(() -> {
            fill(color);
            content.moveTo(x(cx + r), y(cy));
            content.curveTo(x(cx + r), y(cy + k), x(cx + k), y(cy + r), x(cx), y(cy + r));
            content.curveTo(x(cx - k), y(cy + r), x(cx - r), y(cy + k), x(cx - r), y(cy));
            content.curveTo(x(cx - r), y(cy - k), x(cx - k), y(cy - r), x(cx), y(cy - r));
            content.curveTo(x(cx + k), y(cy - r), x(cx + r), y(cy - k), x(cx + r), y(cy));
            content.closePath();
            content.fill();
        });
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        String shown = drawable(text);
        if (shown.isEmpty()) {
            return;
        }
        double width = textWidth(shown, size);
        double left = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - width / 2 : x - width;
        // Centre the ascent–descent span on y, as SVG's dominant-baseline="central" and PngCanvas do.
        float ascent = font.getFontDescriptor().getAscent();
        float descent = font.getFontDescriptor().getDescent();
        double baseline = y + (ascent + descent) / 2000.0 * size;
        run(() -> {
            fill(color);
            content.beginText();
            content.setFont(font, (float) size);
            content.setTextMatrix(Matrix.getTranslateInstance(x(left), y(baseline)));
            content.showText(shown);
            content.endText();
        });
    }

    @Override
    public double textWidth(String text, double size) {
        try {
            return font.getStringWidth(drawable(text)) / 1000.0 * size;
        } catch (IOException | IllegalArgumentException e) {
            return TextWidths.of(text, size);
        }
    }

    /** The finished document; the canvas is closed afterwards. */
    public byte[] toPdf() throws IOException {
        finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        document.close();
        return out.toByteArray();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeBytes(file, toPdf());
    }

    @Override
    public void close() {
        try {
            finish();
            document.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finish() throws IOException {
        if (!closed) {
            closed = true;
            content.close();
        }
    }

    /** The text with characters the font has no glyph for (and controls) replaced by '?', which PDFBox would refuse. */
    private String drawable(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> b.appendCodePoint(hasGlyph(cp) ? cp : '?'));
        return b.toString();
    }

    private boolean hasGlyph(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return false;
        }
        return glyphs.computeIfAbsent(codePoint, cp -> {
            try {
                font.encode(new String(Character.toChars(cp)));
                return true;
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        });
    }

    // Colour, width and opacity are set only when they change: a figure may stroke 32,491 edges in 16 colours.
    private void stroke(Rgba color, double width) throws IOException {
        if (!color.equals(lastStroke)) {
            content.setStrokingColor(color.red() / 255f, color.green() / 255f, color.blue() / 255f);
            if (lastStroke == null || lastStroke.alpha() != color.alpha()) {
                content.setGraphicsStateParameters(strokeAlpha.computeIfAbsent(color.alpha(), a -> {
                    PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
                    gs.setStrokingAlphaConstant(a.floatValue());
                    return gs;
                }));
            }
            lastStroke = color;
        }
        if (width != lastWidth) {
            content.setLineWidth((float) width);
            lastWidth = width;
        }
    }

    private void fill(Rgba color) throws IOException {
        if (!color.equals(lastFill)) {
            content.setNonStrokingColor(color.red() / 255f, color.green() / 255f, color.blue() / 255f);
            if (lastFill == null || lastFill.alpha() != color.alpha()) {
                content.setGraphicsStateParameters(fillAlpha.computeIfAbsent(color.alpha(), a -> {
                    PDExtendedGraphicsState gs = new PDExtendedGraphicsState();
                    gs.setNonStrokingAlphaConstant(a.floatValue());
                    return gs;
                }));
            }
            lastFill = color;
        }
    }

    private float x(double x) {
        return (float) (x - area.minX());
    }

    private float y(double y) {
        return (float) (pageHeight - (y - area.minY()));
    }

    @FunctionalInterface
    private interface Drawing {
        void run() throws IOException;
    }

    private void run(Drawing d) {
        if (closed) {
            throw new IllegalStateException("the PDF page is finished");
        }
        try {
            d.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw on the PDF page", e);
        }
    }
}
