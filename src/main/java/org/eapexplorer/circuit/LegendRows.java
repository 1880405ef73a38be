package org.eapexplorer.circuit;

import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.circuit.GraphCanvas.Anchor;

/**
 * A chart's legend as rows of entries (a swatch and its text) flowed left to right in a band of a given width, so
 * that it sits outside the plot and never on the data: an entry too wide for the band is cut with "…", entries past
 * the last allowed row are counted ("+3 more") instead of drawn.
 */
public final class LegendRows {

    /** How an entry's swatch shows the mark it explains. */
    public enum Swatch { LINE, THIN_LINE, DASHED, SQUARE, OUTLINE, DOT, NONE }

    /** @param dash a LINE swatch's on/off lengths (a curve's dash, {@link DashedLine}); null or empty for solid */
    public record Entry(Swatch swatch, Rgba colour, String text, Rgba textColour, double[] dash) {

        public Entry(Swatch swatch, Rgba colour, String text, Rgba textColour) {
            this(swatch, colour, text, textColour, null);
        }

        public static Entry of(Swatch swatch, Rgba colour, String text, Rgba textColour) {
            return new Entry(swatch, colour, text, textColour);
        }

        /** A line swatch dashed as its curve is. */
        public static Entry line(Rgba colour, double[] dash, String text, Rgba textColour) {
            return new Entry(Swatch.LINE, colour, text, textColour, dash);
        }
    }

    public static final double ROW = 15;
    static final double SWATCH = 24;
    static final double ITEM_GAP = 18;

    private final List<List<Entry>> rows;
    private final double size;

    private LegendRows(List<List<Entry>> rows, double size) {
        this.rows = rows;
        this.size = size;
    }

    /** Flows {@code entries} into at most {@code maxRows} rows no wider than {@code maxWidth}, measured on the layout's canvas. */
    public static LegendRows flow(LabelLayout l, List<Entry> given, double size, double maxWidth, int maxRows) {
        java.util.Set<Entry> rowEnds = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<Integer> origin = new ArrayList<>();   // the given entry each flowed piece comes from
        // With one row a wrapped note could show only its first piece: it is cut instead, as a curve's entry is.
        List<Entry> entries = wrapped(l, given, size, maxWidth, maxRows > 1, rowEnds, origin);
        boolean breakAfter = false;
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = fitted(l, entries.get(i), size, maxWidth);
            double w = width(l, e, size);
            if (!row.isEmpty() && (breakAfter || x + ITEM_GAP + w > maxWidth)) {
                rows.add(row);
                row = new ArrayList<>();
                x = 0;
            }
            if (rows.size() == maxRows) {
                // No room for the rest: the last row says how many given entries are left out (a note counts once).
                List<Entry> last = rows.get(rows.size() - 1);
                int shown = i;
                Entry more = new Entry(Swatch.NONE, null, "+" + leftOut(origin, shown, given.size()) + " more", entries.get(i).textColour());
                while (last.size() > 1 && rowWidth(l, last, size) + ITEM_GAP + width(l, more, size) > maxWidth) {
                    last.remove(last.size() - 1);
                    shown--;
                    more = new Entry(Swatch.NONE, null, "+" + leftOut(origin, shown, given.size()) + " more", more.textColour());
                }
                if (rowWidth(l, last, size) + ITEM_GAP + width(l, more, size) > maxWidth) {
                    // One entry on the row: shortened rather than dropped, so the first entries always show.
                    last.set(0, fitted(l, last.get(0), size, maxWidth - ITEM_GAP - width(l, more, size)));
                }
                if (rowWidth(l, last, size) + ITEM_GAP + width(l, more, size) > maxWidth) {
                    // Too narrow even for its first letters beside the count (a narrow panel): the count alone.
                    last.clear();
                    more = new Entry(Swatch.NONE, null, "+" + leftOut(origin, shown - 1, given.size()) + " more", more.textColour());
                }
                if (width(l, more, size) <= maxWidth) {
                    last.add(more);
                }
                return new LegendRows(rows, size);
            }
            x += (row.isEmpty() ? 0 : ITEM_GAP) + w;
            row.add(e);
            breakAfter = rowEnds.contains(entries.get(i));
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return new LegendRows(rows, size);
    }

    /** Given entries not shown whole when the first {@code shown} flowed pieces are. */
    private static int leftOut(List<Integer> origin, int shown, int given) {
        int whole = shown == origin.size() || shown == 0 ? (shown == 0 ? 0 : origin.get(shown - 1) + 1)
                : (origin.get(shown).equals(origin.get(shown - 1)) ? origin.get(shown - 1) : origin.get(shown - 1) + 1);
        return given - whole;
    }

    /**
     * Each note too wide for a row broken at spaces into rows of its own, so that a long note
     * ("The graph shows …, not one of EAP's top-k circuits: it has no point on this curve") is read whole, not cut.
     */
    private static List<Entry> wrapped(LabelLayout l, List<Entry> entries, double size, double maxWidth, boolean wrap,
                                       java.util.Set<Entry> rowEnds, List<Integer> origin) {
        List<Entry> out = new ArrayList<>();
        for (int k = 0; k < entries.size(); k++) {
            Entry e = entries.get(k);
            while (origin.size() < out.size()) {
                origin.add(k - 1);
            }
            // Notes and readings (no swatch, or a point's): a curve's entry keeps its one line, cut if it must be.
            double whole = maxWidth - (e.swatch() == Swatch.NONE ? 0 : SWATCH);
            if (!wrap || (e.swatch() != Swatch.NONE && e.swatch() != Swatch.DOT) || l.fit(e.text(), size, whole).equals(e.text())
                    || !e.text().contains(" ")) {
                out.add(e);
                continue;
            }
            String[] words = e.text().split(" ");
            StringBuilder line = new StringBuilder();
            boolean first = true;
            for (String w : words) {
                String longer = line.length() == 0 ? w : line + " " + w;
                double room = maxWidth - (first && e.swatch() != Swatch.NONE ? SWATCH : 0);
                // Measured as fitted() measures, so that no piece is then cut after all.
                if (line.length() > 0 && !l.fit(longer.strip(), size, room).equals(longer.strip())) {
                    out.add(piece(e, line.toString().strip(), first));
                    first = false;
                    line = new StringBuilder(w);
                } else {
                    line = new StringBuilder(longer);
                }
            }
            if (line.length() > 0) {
                out.add(piece(e, line.toString().strip(), first));
            }
            // The next entry starts a row of its own, not after the end of this one's text.
            rowEnds.add(out.get(out.size() - 1));
        }
        while (origin.size() < out.size()) {
            origin.add(entries.size() - 1);
        }
        return out;
    }

    private static Entry piece(Entry e, String text, boolean first) {
        return first ? new Entry(e.swatch(), e.colour(), text, e.textColour(), e.dash()) : new Entry(Swatch.NONE, null, text, e.textColour());
    }

    private static Entry fitted(LabelLayout l, Entry e, double size, double maxWidth) {
        double room = maxWidth - (e.swatch() == Swatch.NONE ? 0 : SWATCH);
        return new Entry(e.swatch(), e.colour(), l.fit(e.text(), size, room), e.textColour(), e.dash());
    }

    private static double width(LabelLayout l, Entry e, double size) {
        return (e.swatch() == Swatch.NONE ? 0 : SWATCH) + l.width(e.text(), size);
    }

    private static double rowWidth(LabelLayout l, List<Entry> row, double size) {
        double w = 0;
        for (Entry e : row) {
            w += (w == 0 ? 0 : ITEM_GAP) + width(l, e, size);
        }
        return w;
    }

    /** Whether every one of {@code entries} is drawn, uncut. */
    public boolean fitsWhole(List<Entry> entries) {
        List<Entry> drawn = rows.stream().flatMap(List::stream).toList();
        return drawn.equals(entries);
    }

    public int rowCount() {
        return rows.size();
    }

    /** The band's height: {@link #ROW} a row. */
    public double height() {
        return rows.size() * ROW;
    }

    /** Draws the rows with the first row's middle at {@code y}, starting at {@code x}. */
    public void draw(LabelLayout l, double x, double y) {
        GraphCanvas c = l.canvas();
        for (List<Entry> row : rows) {
            double px = x;
            for (Entry e : row) {
                if (e.swatch() != Swatch.NONE) {
                    swatch(c, e, px, y);
                    l.reserve(new LabelLayout.Box(px, y - size / 2, SWATCH - 4, size, LabelLayout.Kind.LEGEND, ""));
                    px += SWATCH;
                }
                LabelLayout.Box b = l.text(px, y, e.text(), size, Anchor.START, e.textColour(), LabelLayout.Kind.LEGEND);
                px += b.width() + ITEM_GAP;
            }
            y += ROW;
        }
    }

    private static void swatch(GraphCanvas c, Entry e, double x, double y) {
        switch (e.swatch()) {
            case LINE -> new DashedLine(e.dash() == null ? new double[0] : e.dash(), (x1, y1, x2, y2) -> c.line(x1, y1, x2, y2, e.colour(), 2))
                    .to(x + 1, y, x + 19, y);
            case THIN_LINE -> c.line(x + 1, y, x + 19, y, e.colour(), 1);
            case DASHED -> {
                c.line(x + 1, y, x + 6, y, e.colour(), 1.25);
                c.line(x + 8, y, x + 13, y, e.colour(), 1.25);
                c.line(x + 15, y, x + 19, y, e.colour(), 1.25);
            }
            case SQUARE -> c.fillRect(x + 5, y - 4, 8, 8, e.colour());
            case OUTLINE -> c.strokeRect(x + 5, y - 4, 8, 8, e.colour(), 1.2);
            case DOT -> c.fillCircle(x + 9, y, 4, e.colour());
            case NONE -> {
            }
        }
    }
}
