package org.eapexplorer.circuit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eapexplorer.io.AtomicFiles;

/**
 * A {@link GraphCanvas} that builds a standalone SVG document: real vector elements in layout units under a
 * {@code viewBox}, so the figure scales without loss in papers and browsers. Groups become
 * {@code <g class="edge">} with a {@code <title>}, which browsers show as a tooltip and scripts can select.
 */
public final class SvgCanvas implements GraphCanvas {

    private final Bounds viewBox;
    private final double scale;
    private final StringBuilder body = new StringBuilder(1 << 16);
    private final Map<Rgba, String> hex = new HashMap<>();
    private int openGroups;

    /** @param scale pixels per layout unit for the document's width and height (the viewBox stays in layout units) */
    public SvgCanvas(Bounds viewBox, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        this.viewBox = viewBox;
        this.scale = scale;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        body.append("<line x1=\"");
        num(x1).append("\" y1=\"");
        num(y1).append("\" x2=\"");
        num(x2).append("\" y2=\"");
        num(y2).append('"');
        stroke(color, width);
        body.append("/>\n");
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                      Rgba color, double width) {
        body.append("<path d=\"M");
        num(x1).append(' ');
        num(y1).append('C');
        num(c1x).append(' ');
        num(c1y).append(' ');
        num(c2x).append(' ');
        num(c2y).append(' ');
        num(x2).append(' ');
        num(y2).append("\" fill=\"none\"");
        stroke(color, width);
        body.append("/>\n");
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        rect(x, y, w, h);
        fill(color);
        body.append("/>\n");
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        rect(x, y, w, h);
        body.append(" fill=\"none\"");
        stroke(color, width);
        body.append("/>\n");
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        body.append("<circle cx=\"");
        num(cx).append("\" cy=\"");
        num(cy).append("\" r=\"");
        num(r).append('"');
        fill(color);
        body.append("/>\n");
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        body.append("<text x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" font-size=\"");
        num(size).append("\" dominant-baseline=\"central\"");
        if (anchor != Anchor.START) {
            body.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
        }
        fill(color);
        body.append('>');
        escape(text);
        body.append("</text>\n");
    }

    @Override
    public boolean wantsGroups() {
        return true;
    }

    @Override
    public void beginGroup(String kind, String title) {
        body.append("<g class=\"");
        escape(kind);
        body.append("\"><title>");
        escape(title);
        body.append("</title>\n");
        openGroups++;
    }

    @Override
    public void endGroup() {
        if (openGroups == 0) {
            throw new IllegalStateException("endGroup without beginGroup");
        }
        openGroups--;
        body.append("</g>\n");
    }

    /** The complete document. */
    public String toSvg() {
        if (openGroups != 0) {
            throw new IllegalStateException(openGroups + " group(s) still open");
        }
        StringBuilder doc = new StringBuilder(body.length() + 400);
        doc.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"");
        Numbers.appendFixed2(doc, viewBox.width() * scale);
        doc.append("\" height=\"");
        Numbers.appendFixed2(doc, viewBox.height() * scale);
        doc.append("\" viewBox=\"");
        Numbers.appendFixed2(doc, viewBox.minX());
        doc.append(' ');
        Numbers.appendFixed2(doc, viewBox.minY());
        doc.append(' ');
        Numbers.appendFixed2(doc, viewBox.width());
        doc.append(' ');
        Numbers.appendFixed2(doc, viewBox.height());
        // The white background comes from the painter's first fillRect; this makes viewers that ignore it agree.
        doc.append("\" style=\"background-color:#ffffff\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        doc.append(body);
        doc.append("</svg>\n");
        return doc.toString();
    }

    public void write(Path file) throws IOException {
        String svg = toSvg();
        AtomicFiles.writeText(file, out -> out.write(svg));
    }

    private void rect(double x, double y, double w, double h) {
        body.append("<rect x=\"");
        num(x).append("\" y=\"");
        num(y).append("\" width=\"");
        num(w).append("\" height=\"");
        num(h).append('"');
    }

    private void stroke(Rgba color, double width) {
        body.append(" stroke=\"").append(hex(color)).append("\" stroke-width=\"");
        num(width).append("\" stroke-linecap=\"round\"");
        if (!color.isOpaque()) {
            body.append(" stroke-opacity=\"");
            num(color.alpha()).append('"');
        }
    }

    private void fill(Rgba color) {
        body.append(" fill=\"").append(hex(color)).append('"');
        if (!color.isOpaque()) {
            body.append(" fill-opacity=\"");
            num(color.alpha()).append('"');
        }
    }

    private String hex(Rgba color) {
        return hex.computeIfAbsent(color, Rgba::toHex);
    }

    private StringBuilder num(double v) {
        Numbers.appendFixed2(body, v);
        return body;
    }

    /** XML-escapes text; characters XML 1.0 cannot carry at all (most C0 controls) become U+FFFD. */
    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> body.append("&amp;");
                case '<' -> body.append("&lt;");
                case '>' -> body.append("&gt;");
                case '"' -> body.append("&quot;");
                case '\'' -> body.append("&apos;");
                default -> body.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? '\uFFFD' : c);
            }
        }
    }
}
