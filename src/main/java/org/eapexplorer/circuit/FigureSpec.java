package org.eapexplorer.circuit;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * What the user asked of a figure, before it is known what will be drawn: width and height (either may be left to
 * the figure: its natural width, the height its width needs), DPI, and the caption (off, automatic, or given text).
 * The window's export dialog and {@code render} both check their input here, so both say the same thing about a bad
 * value; every message starts with the option's name ({@code width}, {@code height}, {@code dpi}), which the
 * command line prefixes with {@code --}.
 *
 * @param width       null for the figure's natural width
 * @param height      null for the height the width needs
 * @param dpi         PNG pixels per inch, and what px lengths count at
 * @param caption     whether to draw the caption line
 * @param captionText the caption to draw instead of the automatic one, or null
 */
public record FigureSpec(Length width, Length height, double dpi, boolean caption, String captionText) {

    /** 2 pixels a point, what the window's PNG exports have always used. */
    public static final double DEFAULT_DPI = 144;

    public FigureSpec {
        if (!(dpi >= FigureSize.MIN_DPI && dpi <= FigureSize.MAX_DPI)) {
            throw new IllegalArgumentException("dpi must be between " + (int) FigureSize.MIN_DPI + " and " + (int) FigureSize.MAX_DPI
                    + ", got " + fmt(dpi));
        }
        checkSide("width", width, dpi);
        checkSide("height", height, dpi);
        captionText = captionText == null || captionText.isBlank() ? null : captionText.strip();
    }

    /** The natural size with an automatic caption, drawn at {@code pixelsPerPoint} (the old exports' "scale"). */
    public static FigureSpec natural(double pixelsPerPoint) {
        return new FigureSpec(null, null, Math.min(FigureSize.MAX_DPI, Math.max(FigureSize.MIN_DPI, 72 * pixelsPerPoint)), true, null);
    }

    /**
     * Reads lengths such as {@code 7in} or {@code 1200px}; null or blank leaves a side to the figure.
     *
     * @throws IllegalArgumentException one line naming the option and what was expected
     */
    public static FigureSpec parse(String width, String height, double dpi, boolean caption, String captionText) {
        return new FigureSpec(length("width", width), length("height", height), dpi, caption, captionText);
    }

    private static Length length(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Length.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static void checkSide(String name, Length side, double dpi) {
        if (side == null) {
            return;
        }
        double points = side.points(dpi);
        if (!(points >= FigureSize.MIN_POINTS && points <= FigureSize.MAX_POINTS)) {
            throw new IllegalArgumentException(name + " " + side + " is out of range: a figure side must be between 1in and 100in"
                    + (side.unit() == Length.Unit.PX ? " (" + side + " at " + fmt(dpi) + " dpi is " + fmt(points / 72) + "in)" : ""));
        }
    }

    /**
     * The size to draw at: the given sides, the natural width where none was given, and the height the width needs
     * where none was given ({@code heightForWidth}, in points).
     */
    public FigureSize size(double naturalWidth, DoubleUnaryOperator heightForWidth) {
        double w = width == null ? clamp(naturalWidth) : width.points(dpi);
        double h = height == null ? clamp(heightForWidth.applyAsDouble(w)) : height.points(dpi);
        return new FigureSize(w, h, dpi);
    }

    /** A chart's size: its natural width and height where none were given. */
    public FigureSize size(double naturalWidth, double naturalHeight) {
        return size(naturalWidth, w -> width == null ? naturalHeight : naturalHeight * w / naturalWidth);
    }

    /** The caption to draw: none, the given text, or {@code automatic}. */
    public String caption(String automatic) {
        return !caption ? null : captionText != null ? captionText : automatic;
    }

    private static double clamp(double points) {
        return Math.min(FigureSize.MAX_POINTS, Math.max(FigureSize.MIN_POINTS, points));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
