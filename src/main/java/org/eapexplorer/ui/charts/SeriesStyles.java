package org.eapexplorer.ui.charts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eapexplorer.circuit.Rgba;

/**
 * Which colour and dash each curve of a chart takes, by the curve's identity (a score set's name, an edge): a curve
 * keeps its style while others come and go, and one that comes back takes its old style again when no curve on
 * screen holds it. Slot i is colour i mod 7 with dash i mod 5 (coprime: 35 pairs before one repeats), so curves
 * differ in colour and, in grey print or to a colour-blind reader, in dash as well. Held by the view model that owns
 * the chart, so that the window and its exports draw a curve alike. FX thread only.
 */
public final class SeriesStyles {

    /** A curve's look: its colour and its dash pattern ({@link Dash}). */
    public record Style(Rgba colour, Dash dash) {
    }

    /** Dash patterns as on/off lengths in pixels; SOLID has none. */
    public enum Dash {
        SOLID(), DASHED(7, 4), DOTTED(2, 3), DASH_DOT(8, 3, 2, 3), LONG_DASH(14, 5);

        private final double[] pattern;

        Dash(double... pattern) {
            this.pattern = pattern;
        }

        /** On/off lengths, repeated along the line; empty for a solid one. */
        public double[] pattern() {
            return pattern.clone();
        }
    }

    /**
     * Seven colours away from the sign colours (red, vermillion, blue) and the mark's teal: black, purple, green, gold,
     * violet, grey, and Okabe–Ito's reddish purple.
     */
    static final List<Rgba> COLOURS = java.util.stream.Stream.concat(ChartColours.SERIES.stream(), java.util.stream.Stream.of(
            Rgba.hex("#CC79A7"))).toList();
    static final Dash[] DASHES = Dash.values();

    private final Map<Object, Integer> remembered = new HashMap<>();

    /** The style of slot {@code i}. */
    public static Style slot(int i) {
        return new Style(COLOURS.get(Math.floorMod(i, COLOURS.size())), DASHES[Math.floorMod(i, DASHES.length)]);
    }

    /**
     * The styles of the curves on screen now, in the order given: each keeps the slot it had; a new one takes its
     * remembered slot if free, else the lowest slot no curve on screen holds.
     */
    public List<Style> assign(List<?> keys) {
        Set<Integer> held = new HashSet<>();
        List<Integer> slots = new ArrayList<>();
        for (Object k : keys) {
            Integer s = remembered.get(k);
            slots.add(s != null && held.add(s) ? s : null);
        }
        List<Style> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Integer s = slots.get(i);
            if (s == null) {
                s = 0;
                while (held.contains(s)) {
                    s++;
                }
                held.add(s);
                remembered.put(keys.get(i), s);
            }
            out.add(slot(s));
        }
        return out;
    }
}
