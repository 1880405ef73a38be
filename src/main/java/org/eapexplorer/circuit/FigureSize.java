package org.eapexplorer.circuit;

/**
 * The size of an exported figure. Layout units are points (1 pt = 1/72 in): a W × H inch figure is a W·72 × H·72 pt
 * PDF page, an SVG of W × H inches (its viewBox in points), and a PNG of W·dpi × H·dpi pixels. A size given in pixels
 * is pixels / dpi inches, so a 1200 px wide PNG at 300 dpi is a 4 in figure whose text is as large, relative to
 * it, as in the 4 in PDF.
 *
 * @param width  in points
 * @param height in points
 * @param dpi    pixels per inch of the PNG (and the scale an SVG's nominal pixel size is given at)
 */
public record FigureSize(double width, double height, double dpi) {

    /** Smallest useful side: about an inch, room for a caption line and a legend. */
    public static final double MIN_POINTS = 72;
    /** Largest side: 100 in, far beyond any journal page or poster panel. */
    public static final double MAX_POINTS = 7200;
    public static final double MIN_DPI = 36;
    public static final double MAX_DPI = 1200;
    /** A PNG may have at most this many pixels (as {@link PngCanvas} allows). */
    public static final long MAX_PIXELS = 1L << 26;

    public FigureSize {
        if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) {
            throw new IllegalArgumentException("DPI must be between " + (int) MIN_DPI + " and " + (int) MAX_DPI + ", got " + dpi);
        }
        check("width", width);
        check("height", height);
    }

    private static void check(String side, double points) {
        if (!(points >= MIN_POINTS && points <= MAX_POINTS)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the %s must be between 1in and 100in (72–7200 pt), got %.3gin", side, points / 72));
        }
    }

    /** {@code width × height} (pixels counted at {@code dpi}). */
    public static FigureSize of(Length width, Length height, double dpi) {
        if (!(dpi >= MIN_DPI && dpi <= MAX_DPI)) {
            throw new IllegalArgumentException("DPI must be between " + (int) MIN_DPI + " and " + (int) MAX_DPI + ", got " + dpi);
        }
        return new FigureSize(width.points(dpi), height.points(dpi), dpi);
    }

    /** A figure of {@code width × height} layout units drawn at {@code pixelsPerUnit}, as exports sized by a scale were. */
    public static FigureSize ofScale(double width, double height, double pixelsPerUnit) {
        return new FigureSize(Math.max(width, MIN_POINTS), Math.max(height, MIN_POINTS), Math.min(MAX_DPI, Math.max(MIN_DPI, 72 * pixelsPerUnit)));
    }

    /** The same width with another height: e.g. a graph's height from its aspect ratio. */
    public FigureSize withHeight(double points) {
        return new FigureSize(width, Math.min(MAX_POINTS, Math.max(MIN_POINTS, points)), dpi);
    }

    /** PNG pixels per point. */
    public double pixelsPerPoint() {
        return dpi / 72;
    }

    public long pixelWidth() {
        return (long) Math.ceil(width * pixelsPerPoint() - 1e-9);
    }

    public long pixelHeight() {
        return (long) Math.ceil(height * pixelsPerPoint() - 1e-9);
    }

    /** For a PNG: one line saying why this size cannot be one, or null. */
    public String pngProblem() {
        long pixels = pixelWidth() * pixelHeight();
        return pixels > MAX_PIXELS ? String.format(java.util.Locale.ROOT,
                "a %d × %d pixel PNG is too large (at most %d pixels): lower the DPI or the size", pixelWidth(), pixelHeight(), MAX_PIXELS)
                : null;
    }

    public String describe() {
        return String.format(java.util.Locale.ROOT, "%.2f × %.2f in (%d × %d px at %.0f dpi)", width / 72, height / 72,
                pixelWidth(), pixelHeight(), dpi);
    }
}
