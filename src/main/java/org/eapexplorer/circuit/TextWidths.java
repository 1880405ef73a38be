package org.eapexplorer.circuit;

/**
 * How wide a line of text is, without a toolkit: DejaVu Sans's advance widths (the font the PDF export embeds and
 * the window's default on Linux), so painters can lay labels and legends out on any canvas, and tests can check
 * that nothing overlaps from the layout alone. Canvases that know their font's metrics override
 * {@link GraphCanvas#textWidth}; this is the default and the tests' reference.
 */
public final class TextWidths {

    /** Advance widths of ' ' through '~' in thousandths of an em, measured from DejaVuSans.ttf. */
    private static final short[] ASCII = {
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337,
        636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531,
        1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557, 863, 748, 787,
        603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838, 500,
        500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
        635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    };
    /** Math signs (−, ×, →, ≥) are as wide as '+'; anything else unknown is taken as wide as 'M' is high-ish, never narrow. */
    private static final int MATH = 838;
    private static final int OTHER = 1000;

    private TextWidths() {
    }

    /** Width of {@code text} at font size {@code size} (same units as the size). */
    public static double of(String text, double size) {
        int thousandths = 0;
        for (int i = 0; i < text.length(); i++) {
            thousandths += advance(text.charAt(i));
        }
        return thousandths * size / 1000.0;
    }

    private static int advance(char c) {
        if (c >= ' ' && c <= '~') {
            return ASCII[c - ' '];
        }
        return switch (c) {
            case '−', '×', '→', '≥', '≤', '±', '∝', '≈' -> MATH;
            case 'λ', 'ρ', 'τ', 'α', 'β', 'Δ', 'σ', 'μ' -> 640;
            case '·', '•' -> 318;
            case '–' -> 500;
            default -> OTHER;
        };
    }
}
