package org.eapexplorer.ui.charts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
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
        paint(new LabelLayout(c), h, threshold, width, height);
    }

    /** As above, with the text and bars recorded in {@code l} (small multiples pass a panel's layout). */
    public static void paint(LabelLayout l, Histogram h, double threshold, double width, double height) {
        l.bounded(width, height);
        GraphCanvas c = l.canvas();
        c.fillRect(0, 0, width, height, BACKGROUND);
        double plotW = width - LEFT - RIGHT;
        LegendRows rows = legend(l, h, width);
        double top = TOP + Math.max(0, rows.rowCount() - 1) * LegendRows.ROW;
        double plotH = height - top - BOTTOM;
        if (plotW < 20 || plotH < 20) {
            return;
        }
        double x0 = LEFT;
        double y0 = top + plotH;
        long maxCount = Math.max(1, h.maxCount());
        int decades = Math.max(1, (int) Math.ceil(Math.log10(maxCount) + 1e-9));
        // Log axis from 10^-0.3 so that a bin holding one edge still shows as a short bar.
        double logMin = -0.3;
        double logMax = decades;

        // Decades no closer than a label's height and a little: a short panel writes every other one.
        int every = (int) Math.ceil((FONT + 4) / (plotH / (logMax - logMin)));
        for (int d = 0; d <= decades; d++) {
            double y = y0 - (d - logMin) / (logMax - logMin) * plotH;
            c.line(x0, y, x0 + plotW, y, GRID, 1);
            if (d % Math.max(1, every) == 0) {
                l.text(x0 - 6, y, d <= 3 ? Long.toString((long) Math.pow(10, d)) : "1e" + d, FONT, Anchor.END, TEXT, LabelLayout.Kind.LABEL);
            }
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
                double barTop = y0 - (Math.log10(n) - logMin) / (logMax - logMin) * plotH;
                l.rect(x0 + b * binW + 0.5, barTop, Math.max(0.5, binW - 1), y0 - barTop, color);
            }
        }
        c.line(x0, y0, x0 + plotW, y0, AXIS, 1);
        c.line(x0, top, x0, y0, AXIS, 1);
        double[] ticks = PlotFrame.ticksFittingLabels(l, h.min(), h.max(), plotW);
        String[] labels = PlotFrame.tickLabels(ticks);
        double[] px = new double[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            px[i] = x0 + (ticks[i] - h.min()) / (h.max() - h.min()) * plotW;
        }
        boolean[] kept = PlotFrame.spacedLabels(l, px, labels, FONT, 10);
        for (int i = 0; i < ticks.length; i++) {
            c.line(px[i], y0, px[i], y0 + 4, AXIS, 1);
            if (kept[i]) {
                l.text(px[i], y0 + 13, labels[i], FONT, Anchor.MIDDLE, TEXT, LabelLayout.Kind.LABEL);
            }
        }
        LabelLayout.Box xTitle = l.text(x0 + plotW, y0 + 27, l.fit(X_TITLE, FONT, plotW), FONT, Anchor.END, TEXT, LabelLayout.Kind.LABEL);
        double countRoom = xTitle.x() - 4 - 2 * LabelLayout.GAP - 4;
        if (countRoom > 30) {
            l.text(4, y0 + 27, l.fit(COUNT_TITLE, FONT, countRoom), FONT, Anchor.START, TEXT, LabelLayout.Kind.LABEL);
        }

        if (Double.isFinite(threshold) && threshold <= h.max()) {
            for (double t : new double[] {-threshold, threshold}) {
                double x = x0 + (t - h.min()) / (h.max() - h.min()) * plotW;
                l.line(x, top, x, y0, THRESHOLD, 1.5);
            }
            double xr = x0 + (threshold - h.min()) / (h.max() - h.min()) * plotW;
            String t = "T = " + format(threshold);
            // Beside the +T line, right of it where there is room, else left, high up among the short bars.
            l.place(t, FONT, THRESHOLD, LabelLayout.Kind.LABEL, new double[] {xr + 4, top + 8, Anchor.START.ordinal()},
                    new double[] {xr - 4, top + 8, Anchor.END.ordinal()}, new double[] {xr + 4, top + 22, Anchor.START.ordinal()},
                    new double[] {xr - 4, top + 22, Anchor.END.ordinal()});
        }

        rows.draw(l, LEFT - 5, 12);
    }

    /**
     * The legend above the plot: each series' name, n, mean and std on one row while they fit, then with μ and σ;
     * else the name and n with the statistics flowing onto a second row (a narrow panel of the Edge roles tab must
     * not lose them), cut with "…" at worst.
     */
    private static LegendRows legend(LabelLayout l, Histogram h, double width) {
        List<LegendRows.Entry> full = new ArrayList<>();
        List<LegendRows.Entry> compact = new ArrayList<>();
        List<LegendRows.Entry> twoRows = new ArrayList<>();
        for (int s = 0; s < h.series().size(); s++) {
            Histogram.Series series = h.series().get(s);
            full.add(LegendRows.Entry.of(LegendRows.Swatch.SQUARE, colour(h, s), String.format(Locale.ROOT, "%s (n = %,d): mean %s, std %s",
                    series.name(), series.total(), format(series.mean()), format(series.std())), TEXT));
            compact.add(LegendRows.Entry.of(LegendRows.Swatch.SQUARE, colour(h, s), String.format(Locale.ROOT, "%s (n = %,d): μ %s, σ %s",
                    series.name(), series.total(), format(series.mean()), format(series.std())), TEXT));
            twoRows.add(LegendRows.Entry.of(LegendRows.Swatch.SQUARE, colour(h, s), String.format(Locale.ROOT, "%s (n = %,d)", series.name(),
                    series.total()), TEXT));
            twoRows.add(LegendRows.Entry.of(LegendRows.Swatch.NONE, null, String.format(Locale.ROOT, "mean %s, std %s",
                    format(series.mean()), format(series.std())), TEXT));
        }
        double room = width - 4 - (LEFT - 5);
        LegendRows rows = LegendRows.flow(l, full, FONT, room, 1);
        if (!rows.fitsWhole(full)) {
            rows = LegendRows.flow(l, compact, FONT, room, 1);
            if (!rows.fitsWhole(compact)) {
                rows = LegendRows.flow(l, twoRows, FONT, room, 2);
            }
        }
        return rows;
    }

    static final String X_TITLE = "edge score (signed)";
    /** The count axis's title, under its tick labels at the bottom left. */
    static final String COUNT_TITLE = "↑ edges per bin (log)";

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
