package org.eapexplorer.ui.charts;

import java.util.List;
import org.eapexplorer.circuit.PaintStyle;
import org.eapexplorer.circuit.Rgba;
import org.eapexplorer.circuit.SignPalette;

/**
 * The window's one colour language. Red and blue mean the sign of a score and nothing else (the graph's
 * ColorBrewer RdBu: red, patching the edge raises the metric; blue, it lowers it; or, chosen in View → Edge colours,
 * Okabe–Ito's colour-blind-safe vermillion and blue, {@link SignPalette}). Membership of a circuit is
 * dark grey against light grey, never a sign colour; the current threshold, cursors and the chosen point are
 * teal; curves of different methods or edges take a categorical palette chosen away from red and blue.
 */
public final class ChartColours {

    private static final PaintStyle SIGN = PaintStyle.defaults();

    public static final Rgba POSITIVE = SIGN.positive();
    public static final Rgba NEGATIVE = SIGN.negative();
    /** Every colour that means a sign, weak tones included, in every palette: no chart may use one for anything else. */
    public static final List<Rgba> SIGN_COLOURS = java.util.Arrays.stream(SignPalette.values())
            .flatMap(p -> java.util.stream.Stream.of(p.positive(), p.positiveWeak(), p.negative(), p.negativeWeak())).toList();

    /** In the circuit (or reference circuit): filled dark grey. */
    public static final Rgba MEMBER = Rgba.hex("#404040");
    /** Not in it: light grey. */
    public static final Rgba NON_MEMBER = Rgba.hex("#A8A8A8");
    /** Bars or points that are not split by membership. */
    public static final Rgba NEUTRAL = Rgba.hex("#6B6B6B");
    /** The current threshold, a cursor, the circuit's own point, the best cell. */
    public static final Rgba MARK = Rgba.hex("#1B9E77");
    /** Curves of different methods or edges, in order: black, purple, green, gold, violet, grey. */
    public static final List<Rgba> SERIES = List.of(Rgba.hex("#1A1A1A"), Rgba.hex("#7570B3"), Rgba.hex("#66A61E"),
            Rgba.hex("#E6AB02"), Rgba.hex("#984EA3"), Rgba.hex("#737373"));

    private ChartColours() {
    }

    public static Rgba series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }

    /** {@code n} greens from light to dark, for an ordered quantity such as τ (no red or blue in between). */
    public static Rgba[] sequence(int n) {
        Rgba light = Rgba.hex("#ADDD8E");
        Rgba dark = Rgba.hex("#004529");
        Rgba[] out = new Rgba[n];
        for (int i = 0; i < n; i++) {
            out[i] = light.mix(dark, n == 1 ? 1 : i / (double) (n - 1));
        }
        return out;
    }
}
