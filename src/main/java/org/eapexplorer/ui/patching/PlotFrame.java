package org.eapexplorer.ui.patching;

import java.util.Locale;
import org.eapexplorer.circuit.GraphCanvas;
import org.eapexplorer.circuit.GraphCanvas.Anchor;
import org.eapexplorer.circuit.LabelLayout;
import org.eapexplorer.circuit.LegendRows;
import org.eapexplorer.circuit.Rgba;

/**
 * Data ranges mapped onto a plot rectangle of a {@code width × height} figure, with axes, grid and ticks drawn
 * through {@link GraphCanvas} so the window, PNG and SVG share one picture. Also maps pixels back, for clicks.
 */
public record PlotFrame(double xMin, double xMax, double yMin, double yMax, double left, double top, double right, double bottom) {

    public static final Rgba BACKGROUND = Rgba.hex("#FFFFFF");
    public static final Rgba AXIS = Rgba.hex("#4D4D4D");
    public static final Rgba GRID = Rgba.hex("#E6E6E6");
    public static final Rgba TEXT = Rgba.hex("#1A1A1A");
    public static final Rgba MUTED = Rgba.hex("#8C8C8C");
    public static final double FONT = 11;

    private static final double LEFT = 64;
    private static final double RIGHT = 20;
    private static final double TOP = 30;
    private static final double BOTTOM = 36;

    /** Middle of a legend band's first row above the plot (see {@link #withLegend}). */
    public static final double LEGEND_Y = 12;
    /** Labels along the x axis keep at least this far apart. */
    static final double TICK_GAP = 10;

    /** A frame over the data ranges (padded by 5 %, widened when empty) in a figure of the given size. */
    public static PlotFrame of(double xMin, double xMax, double yMin, double yMax, double width, double height) {
        double[] x = pad(xMin, xMax);
        double[] y = pad(yMin, yMax);
        return new PlotFrame(x[0], x[1], y[0], y[1], LEFT, TOP, width - RIGHT, height - BOTTOM);
    }

    /** This frame moved down under a legend band of {@code legendHeight} (rows from {@link #LEGEND_Y}), so the legend sits off the data. */
    public PlotFrame withLegend(double legendHeight) {
        return new PlotFrame(xMin, xMax, yMin, yMax, left, top + legendHeight, right, bottom);
    }

    /**
     * The plot's legend: flowed over the frame's width (at most {@code maxRows} rows), drawn above the plot, and the
     * frame moved down under it. Returns the frame to plot in.
     */
    public PlotFrame legend(LabelLayout l, java.util.List<LegendRows.Entry> entries) {
        return withLegend(drawLegend(l, entries));
    }

    /** Draws the legend above the plot without moving the frame (made by {@link #underLegend}); returns its height. */
    public double drawLegend(LabelLayout l, java.util.List<LegendRows.Entry> entries) {
        LegendRows rows = legendRows(l, entries);
        rows.draw(l, 10, LEGEND_Y);
        return rows.height();
    }

    /** The frame a legend of {@code entries} leaves for the plot, without drawing it (for mapping clicks). */
    public PlotFrame underLegend(java.util.List<LegendRows.Entry> entries) {
        return withLegend(legendRows(LabelLayout.measuring(), entries).height());
    }

    /** The legend's rows: as many as leave the plot {@link #MIN_PLOT_HEIGHT} (two at least), entries past them counted. */
    private LegendRows legendRows(LabelLayout l, java.util.List<LegendRows.Entry> entries) {
        int maxRows = Math.max(2, (int) ((bottom - TOP - MIN_PLOT_HEIGHT) / LegendRows.ROW));
        return LegendRows.flow(l, entries, FONT, right - 10, maxRows);
    }

    /** The plot height a legend may not take from: charts are sized (MainWindow) to give at least this much. */
    public static final double MIN_PLOT_HEIGHT = 160;

    private static double[] pad(double lo, double hi) {
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {-1, 1};
        }
        double span = hi - lo;
        if (span <= 0) {
            double m = Math.max(Math.abs(lo) * 0.1, 1e-6);
            return new double[] {lo - m, hi + m};
        }
        return new double[] {lo - 0.05 * span, hi + 0.05 * span};
    }

    public boolean usable() {
        return right - left >= 20 && bottom - top >= 20;
    }

    public double x(double v) {
        return left + (v - xMin) / (xMax - xMin) * (right - left);
    }

    public double y(double v) {
        return bottom - (v - yMin) / (yMax - yMin) * (bottom - top);
    }

    public double valueX(double px) {
        return xMin + (px - left) / (right - left) * (xMax - xMin);
    }

    public double valueY(double py) {
        return yMin + (bottom - py) / (bottom - top) * (yMax - yMin);
    }

    /** Grid, axes, ticks and axis titles. */
    public void axes(GraphCanvas c, String xTitle, String yTitle) {
        axes(new LabelLayout(c), xTitle, yTitle);
    }

    /** As above, with the text recorded in {@code l}; x ticks as many round ones as fit their labels' widths. */
    public void axes(LabelLayout l, String xTitle, String yTitle) {
        double[] xt = ticksFittingLabels(l, xMin, xMax, right - left);
        axes(l, xTitle, yTitle, xt, tickLabels(xt));
    }

    /** As above with the x ticks given (in data units) and labelled as given, e.g. edge counts on a log axis. */
    public void axes(GraphCanvas c, String xTitle, String yTitle, double[] xTicks, String[] xLabels) {
        axes(new LabelLayout(c), xTitle, yTitle, xTicks, xLabels);
    }

    /** As above; of the given ticks, those whose labels would come closer than {@link #TICK_GAP} to a kept one's are left out. */
    public void axes(LabelLayout l, String xTitle, String yTitle, double[] xTicks, String[] xLabels) {
        GraphCanvas c = l.canvas();
        // No closer than about 22 px apart: a short chart (the window's default size) gets fewer, still round, ticks.
        double[] yt = ticksFitting(yMin, yMax, bottom - top, 22);
        String[] yLabels = tickLabels(yt);
        for (int i = 0; i < yt.length; i++) {
            double py = y(yt[i]);
            c.line(left, py, right, py, GRID, 1);
            l.text(left - 6, py, yLabels[i], FONT, Anchor.END, TEXT, LabelLayout.Kind.LABEL);
        }
        double[] px = new double[xTicks.length];
        for (int i = 0; i < xTicks.length; i++) {
            px[i] = x(xTicks[i]);
        }
        boolean[] kept = spacedLabels(l, px, xLabels, FONT, TICK_GAP);
        for (int i = 0; i < xTicks.length; i++) {
            c.line(px[i], top, px[i], bottom, GRID, 1);
            c.line(px[i], bottom, px[i], bottom + 4, AXIS, 1);
            if (kept[i]) {
                l.text(px[i], bottom + 13, xLabels[i], FONT, Anchor.MIDDLE, TEXT, LabelLayout.Kind.LABEL);
            }
        }
        c.line(left, bottom, right, bottom, AXIS, 1);
        c.line(left, top, left, bottom, AXIS, 1);
        l.text((left + right) / 2, bottom + 27, l.fit(xTitle, FONT, right - left), FONT, Anchor.MIDDLE, TEXT, LabelLayout.Kind.LABEL);
        l.text(left + 4, top - 8, l.fit(yTitle, FONT, right - left - 4), FONT, Anchor.START, TEXT, LabelLayout.Kind.LABEL);
    }

    /**
     * Which of the labels centred at {@code px} to write so that no two come closer than {@code gap}: the first, then
     * each one clear of the last kept, and the last one in place of its neighbour where only that keeps it.
     */
    public static boolean[] spacedLabels(LabelLayout l, double[] px, String[] labels, double size, double gap) {
        boolean[] kept = new boolean[px.length];
        double lastRight = Double.NEGATIVE_INFINITY;
        int lastKept = -1;
        for (int i = 0; i < px.length; i++) {
            double w = l.width(labels[i], size);
            if (px[i] - w / 2 >= lastRight + gap) {
                kept[i] = true;
                lastKept = i;
                lastRight = px[i] + w / 2;
            }
        }
        int n = px.length - 1;
        if (n > 0 && !kept[n] && lastKept > 0) {
            double w = l.width(labels[n], size);
            double prevRight = Double.NEGATIVE_INFINITY;
            for (int i = lastKept - 1; i >= 0; i--) {
                if (kept[i]) {
                    prevRight = px[i] + l.width(labels[i], size) / 2;
                    break;
                }
            }
            if (px[n] - w / 2 >= prevRight + gap) {
                kept[lastKept] = false;
                kept[n] = true;
            }
        }
        return kept;
    }

    /** Round ticks over [lo, hi] along {@code length} px: as many as five, fewer while their labels would crowd. */
    public static double[] ticksFittingLabels(LabelLayout l, double lo, double hi, double length) {
        for (int target = 5; target >= 2; target--) {
            double[] t = ticks(lo, hi, target);
            String[] labels = tickLabels(t);
            double widest = 0;
            for (String s : labels) {
                widest = Math.max(widest, l.width(s, FONT));
            }
            double spacing = t.length > 1 ? (t[1] - t[0]) / (hi - lo) * length : length;
            if (widest + TICK_GAP <= spacing) {
                return t;
            }
        }
        return ticks(lo, hi, 2);
    }

    /**
     * Labels for evenly spaced ticks, all with the same number of decimals, as few as the step needs
     * ("0, 0.5, 1.0" becomes "0.0, 0.5, 1.0"); very small or large steps in scientific notation with one
     * mantissa precision for all.
     */
    public static String[] tickLabels(double[] ticks) {
        String[] out = new String[ticks.length];
        if (ticks.length == 0) {
            return out;
        }
        double step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : Math.abs(ticks[0]);
        double largest = 0;
        for (double t : ticks) {
            largest = Math.max(largest, Math.abs(t));
        }
        if (!(step > 0)) {
            step = largest > 0 ? largest : 1;
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        boolean scientific = decimals > 4 || largest >= 1e5;
        int exponent = (int) Math.floor(Math.log10(largest > 0 ? largest : step));
        int mantissaDecimals = Math.max(0, exponent - (int) Math.floor(Math.log10(step) + 1e-9));
        for (int i = 0; i < ticks.length; i++) {
            String s;
            double v = ticks[i] == 0 ? 0.0 : ticks[i];
            if (scientific) {
                s = v == 0 ? "0" : String.format(Locale.ROOT, "%." + Math.min(mantissaDecimals, 3) + "e", v);
            } else {
                s = String.format(Locale.ROOT, "%." + decimals + "f", v);
            }
            out[i] = s.replace('-', '−');
        }
        return out;
    }

    /** About five round tick values inside [lo, hi]. */
    public static double[] ticks(double lo, double hi) {
        return ticks(lo, hi, 5);
    }

    /** Round tick values inside [lo, hi], two to five of them, no closer than {@code spacing} over {@code length} pixels. */
    public static double[] ticksFitting(double lo, double hi, double length, double spacing) {
        return ticks(lo, hi, Math.max(2, Math.min(5, (int) (length / spacing))));
    }

    /** About {@code target} round tick values inside [lo, hi]. */
    public static double[] ticks(double lo, double hi, int target) {
        double raw = (hi - lo) / target;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag >= 5 ? 5 * mag : raw / mag >= 2 ? 2 * mag : mag;
        double first = Math.ceil(lo / step) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] out = new double[Math.max(0, Math.min(n, 20))];
        for (int i = 0; i < out.length; i++) {
            double v = first + i * step;
            out[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return out;
    }

    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        String s = a < 1e-3 || a >= 1e4 ? String.format(Locale.ROOT, "%.2e", v) : String.format(Locale.ROOT, "%.4g", v);
        return s.replace('-', '−');
    }
}
