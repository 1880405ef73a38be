package org.eapexplorer.circuit;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.eapexplorer.io.AtomicFiles;

/**
 * A {@link GraphCanvas} on an antialiased {@link BufferedImage}, written as PNG. Needs no display: a
 * BufferedImage's Graphics2D works in headless mode (the CLI sets {@code java.awt.headless=true} before use).
 *
 * <p>Layout units map to pixels by {@code scale} (2 for a "retina" figure); shapes are reused and colours,
 * strokes and fonts cached, because the painter may call this 32,491 times per figure.
 */
public final class PngCanvas implements GraphCanvas, AutoCloseable {

    /** 2^26 pixels (256 MiB as int RGB): far above any sensible figure, far below an OutOfMemoryError. */
    static final long MAX_PIXELS = 1L << 26;

    private final BufferedImage image;
    private final Graphics2D g;
    private final Map<Rgba, Color> colors = new HashMap<>();
    private final Map<Double, Font> fonts = new HashMap<>();
    private final Line2D.Double line = new Line2D.Double();
    private final CubicCurve2D.Double curve = new CubicCurve2D.Double();
    private final Rectangle2D.Double rect = new Rectangle2D.Double();
    private final Ellipse2D.Double circle = new Ellipse2D.Double();
    private BasicStroke stroke;

    private static final String PNG_METADATA = "javax_imageio_png_1.0";

    /** @param area what to draw, in layout units; @param scale pixels per layout unit */
    public PngCanvas(Bounds area, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
        long w = (long) Math.ceil(area.width() * scale);
        long h = (long) Math.ceil(area.height() * scale);
        if (w < 1 || h < 1 || w * h > MAX_PIXELS || w > Integer.MAX_VALUE / 4 || h > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(String.format("a %d × %d pixel image at scale %s is out of range (at most %d pixels)",
                    w, h, scale, MAX_PIXELS));
        }
        image = new BufferedImage((int) w, (int) h, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, (int) w, (int) h);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        // PURE keeps thin lines where the geometry says, not snapped to pixel centres: curves stay smooth.
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(scale, scale);
        g.translate(-area.minX(), -area.minY());
    }

    public BufferedImage image() {
        return image;
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        use(color, width);
        line.setLine(x1, y1, x2, y2);
        g.draw(line);
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
                      Rgba color, double width) {
        use(color, width);
        curve.setCurve(x1, y1, c1x, c1y, c2x, c2y, x2, y2);
        g.draw(curve);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        g.setColor(color(color));
        rect.setRect(x, y, w, h);
        g.fill(rect);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        use(color, width);
        rect.setRect(x, y, w, h);
        g.draw(rect);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        g.setColor(color(color));
        circle.setFrame(cx - r, cy - r, 2 * r, 2 * r);
        g.fill(circle);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        Font font = fonts.computeIfAbsent(size, s -> new Font(Font.SANS_SERIF, Font.PLAIN, 1).deriveFont(s.floatValue()));
        g.setFont(font);
        g.setColor(color(color));
        FontRenderContext frc = g.getFontRenderContext();
        LineMetrics metrics = font.getLineMetrics(text, frc);
        double width = anchor == Anchor.START ? 0 : font.getStringBounds(text, frc).getWidth();
        double left = anchor == Anchor.START ? x : anchor == Anchor.MIDDLE ? x - width / 2 : x - width;
        // Centre the glyphs' ascent–descent span on y, as SVG's dominant-baseline="central" does.
        double baseline = y + (metrics.getAscent() - metrics.getDescent()) / 2;
        g.drawString(text, (float) left, (float) baseline);
    }

    public byte[] encodePng() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this Java runtime");
        }
        return out.toByteArray();
    }

    public void write(Path file) throws IOException {
        AtomicFiles.writeBytes(file, encodePng());
    }

    /**
     * The PNG with {@code text} as iTXt chunks (UTF-8, so a caption's "·" and "≥" survive; e.g. "Description") and a
     * pHYs chunk saying {@code dpi}, so the file itself says what it shows and how large it is meant to print.
     */
    public byte[] encodePng(Map<String, String> text, double dpi) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA);
            IIOMetadataNode itxt = new IIOMetadataNode("iTXt");
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(text).entrySet()) {
                IIOMetadataNode entry = new IIOMetadataNode("iTXtEntry");
                entry.setAttribute("keyword", e.getKey());
                entry.setAttribute("compressionFlag", "FALSE");
                entry.setAttribute("compressionMethod", "0");
                entry.setAttribute("languageTag", "");
                entry.setAttribute("translatedKeyword", "");
                entry.setAttribute("text", e.getValue());
                itxt.appendChild(entry);
            }
            root.appendChild(itxt);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            String perMetre = Long.toString(Math.round(dpi / 0.0254));
            phys.setAttribute("pixelsPerUnitXAxis", perMetre);
            phys.setAttribute("pixelsPerUnitYAxis", perMetre);
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
            metadata.mergeTree(PNG_METADATA, root);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(stream);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return out.toByteArray();
        } finally {
            writer.dispose();
        }
    }

    /** The text chunks (tEXt, iTXt) of a PNG file, keyword to text: what {@link #encodePng(Map, double)} put there. */
    public static Map<String, String> readText(Path file) throws IOException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
            try {
                reader.setInput(in);
                org.w3c.dom.Node root = reader.getImageMetadata(0).getAsTree(PNG_METADATA);
                for (org.w3c.dom.Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                    String name = chunk.getNodeName();
                    if (!name.equals("iTXt") && !name.equals("tEXt")) {
                        continue;
                    }
                    for (org.w3c.dom.Node entry = chunk.getFirstChild(); entry != null; entry = entry.getNextSibling()) {
                        var attributes = entry.getAttributes();
                        out.put(attributes.getNamedItem("keyword").getNodeValue(),
                                attributes.getNamedItem(name.equals("iTXt") ? "text" : "value").getNodeValue());
                    }
                }
            } finally {
                reader.dispose();
            }
        }
        return out;
    }

    @Override
    public void close() {
        g.dispose();
    }

    private void use(Rgba color, double width) {
        g.setColor(color(color));
        if (stroke == null || stroke.getLineWidth() != (float) width) {
            stroke = new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
            g.setStroke(stroke);
        }
    }

    private Color color(Rgba c) {
        return colors.computeIfAbsent(c, k -> new Color(k.argb(), true));
    }
}
