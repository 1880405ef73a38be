package org.eapexplorer.ui;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.Rgba;

/** Keeps what a painter drew: every colour used, and every text with where and how it was anchored. */
public class RecordingCanvas implements GraphCanvas {

    public record Text(double x, double y, String text, Anchor anchor, Rgba color) {
    }

    /** Colours of filled rectangles and circles (bars, points, markers). */
    public final List<Rgba> fills = new ArrayList<>();
    /** Colours of lines and curves. */
    public final List<Rgba> strokes = new ArrayList<>();
    public final List<Text> texts = new ArrayList<>();

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        strokes.add(color);
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, Rgba color,
                      double width) {
        strokes.add(color);
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        fills.add(color);
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        strokes.add(color);
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        fills.add(color);
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        texts.add(new Text(x, y, text, anchor, color));
    }

    /** Texts drawn on the row at {@code y} (within a pixel), left to right. */
    public List<String> textsAt(double y) {
        return texts.stream().filter(t -> Math.abs(t.y() - y) < 1).sorted((a, b) -> Double.compare(a.x(), b.x()))
                .map(Text::text).toList();
    }

    /**
     * Whether a colour reads as one of the sign colours: saturated, with a hue within 25° of one of theirs.
     * Greys (membership) and other hues pass.
     */
    public static boolean looksLikeSign(Rgba c, List<Rgba> signColours) {
        if (saturation(c) < 0.25) {
            return false;
        }
        for (Rgba s : signColours) {
            double d = Math.abs(hue(c) - hue(s));
            if (Math.min(d, 360 - d) < 25) {
                return true;
            }
        }
        return false;
    }

    static double saturation(Rgba c) {
        double max = Math.max(c.red(), Math.max(c.green(), c.blue()));
        double min = Math.min(c.red(), Math.min(c.green(), c.blue()));
        return max == 0 ? 0 : (max - min) / max;
    }

    static double hue(Rgba c) {
        double r = c.red() / 255.0;
        double g = c.green() / 255.0;
        double b = c.blue() / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double d = max - min;
        if (d == 0) {
            return 0;
        }
        double h = max == r ? ((g - b) / d) % 6 : max == g ? (b - r) / d + 2 : (r - g) / d + 4;
        return (h * 60 + 360) % 360;
    }
}
