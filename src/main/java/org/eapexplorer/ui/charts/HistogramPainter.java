package org.eapexplorer.ui.charts;

import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.ui.patching.PlotFrame;

/**
 * Draws a {@link Histogram} with a log-count axis and the current threshold as lines at ±T, through the same
 * {@link GraphCanvas} interface as the circuit: the window's canvas, SVG and PNG files get one picture.
 * Units are pixels of a {@code width × height} figure.
 */
public final class HistogramPainter {

    static final Rgba BACKGROUND = Rgba.hex("#FFFFFF");
    static final Rgba AXIS = Rgba.hex("#4D4D4D");
    static final Rgba GRID = Rgba.hex("#E6E6E6");
    static final Rgba TEXT = Rgba.hex("#1A1A1A");
    static final Rgba THRESHOLD = ChartColours.MARK;
    /** One series (all edges): neutral grey. Two (a reference circuit's edges and the rest): dark and light grey. */
    static final Rgba ALL = ChartColours.NEUTRAL.withAlpha(0.85);
    static final Rgba[] SERIES = {ChartColours.MEMBER.withAlpha(0.85), ChartColours.NON_MEMBER.withAlpha(0.85)};
    static final double FONT = 11;

    private static final double LEFT = 52;
    private static final double RIGHT = 30;
    private static final double TOP = 26;
    private static final double BOTTOM = 34;

    private HistogramPainter() {
    }

    /** @param threshold |score| of the cut, drawn at ±threshold; NaN or infinite draws no lines */
    public static void paint(GraphCanvas c, Histogram h, double threshold, double width, double height) {
        c.fillRect(0, 0, width, height, BACKGROUND);
        double plotW = width - LEFT - RIGHT;
        double plotH = height - TOP - BOTTOM;
        if (plotW < 20 || plotH < 20) {
            return;
        }
        double x0 = LEFT;
        double y0 = TOP + plotH;
        long maxCount = Math.max(1, h.maxCount());
        int decades = Math.max(1, (int) Math.ceil(Math.log10(maxCount) + 1e-9));
        // Log axis from 10^-0.3 so that a bin holding one edge still shows as a short bar.
        double logMin = -0.3;
        double logMax = decades;

        for (int d = 0; d <= decades; d++) {
            double y = y0 - (d - logMin) / (logMax - logMin) * plotH;
            c.line(x0, y, x0 + plotW, y, GRID, 1);
            c.text(x0 - 6, y, d <= 3 ? Long.toString((long) Math.pow(10, d)) : "1e" + d, FONT, Anchor.END, TEXT);
        }
        double binW = plotW / h.bins();
        // The rest first, so that the reference circuit's bars stay on top where bins overlap.
        for (int s = h.series().size() - 1; s >= 0; s--) {
            Histogram.Series series = h.series().get(s);
            Rgba color = colour(h, s);
            for (int b = 0; b < h.bins(); b++) {
                long n = series.counts()[b];
                if (n == 0) {
                    continue;
                }
                double top = y0 - (Math.log10(n) - logMin) / (logMax - logMin) * plotH;
                c.fillRect(x0 + b * binW + 0.5, top, Math.max(0.5, binW - 1), y0 - top, color);
            }
        }
        c.line(x0, y0, x0 + plotW, y0, AXIS, 1);
        c.line(x0, TOP, x0, y0, AXIS, 1);
        // About one tick per 70 px, so that a small panel (edge roles) keeps its labels apart.
        double[] ticks = PlotFrame.ticksFitting(h.min(), h.max(), plotW, 70);
        String[] labels = PlotFrame.tickLabels(ticks);
        for (int i = 0; i < ticks.length; i++) {
            double x = x0 + (ticks[i] - h.min()) / (h.max() - h.min()) * plotW;
            c.line(x, y0, x, y0 + 4, AXIS, 1);
            c.text(x, y0 + 13, labels[i], FONT, Anchor.MIDDLE, TEXT);
        }
        c.text(x0 + plotW, y0 + 27, X_TITLE, FONT, Anchor.END, TEXT);
        c.text(4, y0 + 27, COUNT_TITLE, FONT, Anchor.START, TEXT);

        if (Double.isFinite(threshold) && threshold <= h.max()) {
            for (double t : new double[] {-threshold, threshold}) {
                double x = x0 + (t - h.min()) / (h.max() - h.min()) * plotW;
                c.line(x, TOP, x, y0, THRESHOLD, 1.5);
            }
            double xr = x0 + (threshold - h.min()) / (h.max() - h.min()) * plotW;
            boolean roomRight = xr + 90 < x0 + plotW;
            c.text(roomRight ? xr + 4 : xr - 4, TOP + 8, "T = " + format(threshold), FONT, roomRight ? Anchor.START : Anchor.END,
                    THRESHOLD);
        }

        // Legend entries side by side while they fit, each shortened to its name and n when even that is too wide.
        double lx = x0;
        for (int s = 0; s < h.series().size(); s++) {
            Histogram.Series series = h.series().get(s);
            String label = String.format(Locale.ROOT, "%s (n = %,d): mean %s, std %s", series.name(), series.total(),
                    format(series.mean()), format(series.std()));
            if (lx + 14 + textWidth(label) > width - 4) {
                label = String.format(Locale.ROOT, "%s (n = %,d)", series.name(), series.total());
            }
            if (s > 0 && lx + 14 + textWidth(label) > width - 4) {
                break;
            }
            c.fillRect(lx, 7, 10, 10, colour(h, s));
            c.text(lx + 14, 12, label, FONT, Anchor.START, TEXT);
            lx += 14 + textWidth(label) + 16;
        }
    }

    static final String X_TITLE = "edge score (signed)";
    /** The count axis's title, under its tick labels at the bottom left. */
    static final String COUNT_TITLE = "↑ edges per bin (log)";

    /** Width of {@code text} at the legend's font size; generous, so that a label judged to fit does fit. */
    static double textWidth(String text) {
        return text.length() * 6.4;
    }

    private static Rgba colour(Histogram h, int series) {
        return h.series().size() == 1 ? ALL : SERIES[Math.min(series, SERIES.length - 1)];
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        String s = a < 1e-3 || a >= 1e4 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.3g", v);
        return s.replace('-', '−');
    }
}
