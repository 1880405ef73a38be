package org.eapexplorer.circuit;

import java.util.ArrayList;
import java.util.List;

/**
 * The legend strip under an exported graph, so a figure says what it encodes without its paper's text: what the two
 * sign colours mean, a width scale (sample strokes at a few |score| values, drawn exactly as wide as the edges with
 * those scores are), and the cut that made the circuit. Two rows of text; smaller type when the figure is narrow.
 */
public final class GraphLegend {

    public static final String POSITIVE_MEANING = "patching the edge raises the metric";
    public static final String NEGATIVE_MEANING = "patching the edge lowers the metric";
    /** Height of the strip, in points. */
    public static final double HEIGHT = 34;

    private static final double FONT = 8;
    private static final double MIN_FONT = 4;
    private static final double ROW = 14;
    private static final double SWATCH = 18;
    private static final double GAP = 6;
    private static final double SPACE = 14;

    private GraphLegend() {
    }

    /** One sample stroke of the width scale: an edge of {@code abs} draws {@code width} wide (before fitting). */
    public record Sample(double abs, double width) {
    }

    /**
     * Up to three samples: the largest kept |score|, half of it, and the weakest kept |score| (the cut), without
     * repeats; none for an empty circuit.
     */
    public static List<Sample> samples(Circuit circuit, PaintStyle style) {
        List<Sample> out = new ArrayList<>();
        double max = circuit.maxKeptAbs();
        if (!(max > 0) || circuit.edgeCount() == 0) {
            return out;
        }
        double min = weakestKept(circuit);
        for (double abs : new double[] {max, max / 2, min}) {
            if (abs <= max && abs >= min && out.stream().noneMatch(s -> Math.abs(s.abs() - abs) <= 1e-9 * max)) {
                out.add(new Sample(abs, style.edgeWidth(abs / max)));
            }
        }
        return out;
    }

    private static double weakestKept(Circuit circuit) {
        ScoreRanking ranking = circuit.ranking();
        for (int rank = circuit.rankLimit() - 1; rank >= 0; rank--) {
            if (circuit.hasEdge(ranking.edgeAt(rank))) {
                return ranking.absAt(rank);
            }
        }
        return 0;
    }

    /** What the strip's words say: the two colours' meanings, what the width scale measures, and the cut. */
    public record Wording(String positive, String negative, String scaleLabel, String cut) {

        /** A circuit drawn by its own scores. */
        public static Wording scores(Circuit circuit, SignPalette palette) {
            return new Wording("positive (" + palette.positiveName() + "): " + POSITIVE_MEANING,
                    "negative (" + palette.negativeName() + "): " + NEGATIVE_MEANING, "width ∝ |score|:", cutOf(circuit));
        }

        /** The edges {@code kept} keeps, drawn by the difference of two score sets (score_B − score_A). */
        public static Wording difference(Circuit kept, SignPalette palette) {
            return new Wording(palette.positiveName() + ": B > A (colour: score_B − score_A)",
                    palette.negativeName() + ": B < A", "width ∝ |B − A|:", cutOf(kept));
        }

        private static String cutOf(Circuit circuit) {
            return "cut: |score| ≥ " + Numbers.compact(circuit.absThreshold()) + " · " + circuit.edgeCount()
                    + (circuit.edgeCount() == 1 ? " edge" : " edges");
        }
    }

    /**
     * Draws the strip with its top-left at (x, y), {@code width} wide and {@link #HEIGHT} high.
     *
     * @param circuit the circuit as drawn (its scores give the width samples)
     * @param edgeScale how much the graph above was scaled to fit, so sample strokes match its edges
     */
    public static void paint(GraphCanvas canvas, double x, double y, double width, Circuit circuit, PaintStyle style,
                             Wording wording, double edgeScale) {
        String positive = wording.positive();
        String negative = wording.negative();
        List<Sample> samples = samples(circuit, style);
        List<String> numbers = samples.stream().map(s -> Numbers.compact(s.abs())).toList();
        String scaleLabel = wording.scaleLabel();
        String cut = wording.cut();
        double size = FONT;
        // Shrink the type until both rows fit; a figure narrower than that keeps the smallest type and clips at the edge.
        while (size > MIN_FONT && Math.max(rowOneWidth(canvas, positive, negative, size),
                rowTwoWidth(canvas, scaleLabel, numbers, cut, size)) > width - 2 * GAP) {
            size -= 0.5;
        }
        Rgba ink = style.label();
        double rowOne = y + ROW / 2 + 2;
        double at = x + GAP;
        double swatch = 3 * edgeScaleFloor(edgeScale);
        canvas.line(at + swatch / 2, rowOne, at + SWATCH - swatch / 2, rowOne, style.positive(), swatch);
        at += SWATCH + GAP;
        canvas.text(at, rowOne, positive, size, GraphCanvas.Anchor.START, ink);
        at += canvas.textWidth(positive, size) + SPACE;
        canvas.line(at + swatch / 2, rowOne, at + SWATCH - swatch / 2, rowOne, style.negative(), swatch);
        at += SWATCH + GAP;
        canvas.text(at, rowOne, negative, size, GraphCanvas.Anchor.START, ink);

        double rowTwo = rowOne + ROW;
        at = x + GAP;
        canvas.text(at, rowTwo, scaleLabel, size, GraphCanvas.Anchor.START, ink);
        at += canvas.textWidth(scaleLabel, size) + GAP;
        for (int i = 0; i < samples.size(); i++) {
            // Round caps reach half a width past each end: inset them so thick samples keep off their numbers.
            double w = samples.get(i).width() * edgeScale;
            double inset = Math.min(w / 2, SWATCH / 2 - 1);
            canvas.line(at + inset, rowTwo, at + SWATCH - inset, rowTwo, style.nodeStroke(), w);
            at += SWATCH + GAP / 2;
            canvas.text(at, rowTwo, numbers.get(i), size, GraphCanvas.Anchor.START, ink);
            at += canvas.textWidth(numbers.get(i), size) + GAP;
        }
        at += SPACE - GAP;
        canvas.text(at, rowTwo, cut, size, GraphCanvas.Anchor.START, ink);
    }

    /** Colour swatches stay visible however far the graph was shrunk. */
    private static double edgeScaleFloor(double edgeScale) {
        return Math.max(edgeScale, 0.5);
    }

    private static double rowOneWidth(GraphCanvas c, String positive, String negative, double size) {
        return 2 * (SWATCH + GAP) + c.textWidth(positive, size) + SPACE + c.textWidth(negative, size);
    }

    private static double rowTwoWidth(GraphCanvas c, String label, List<String> numbers, String cut, double size) {
        double w = c.textWidth(label, size) + GAP + SPACE - GAP + c.textWidth(cut, size);
        for (String n : numbers) {
            w += SWATCH + GAP / 2 + c.textWidth(n, size) + GAP;
        }
        return w;
    }
}
