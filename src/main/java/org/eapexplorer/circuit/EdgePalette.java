package org.eapexplorer.circuit;

/**
 * The edge colours of one {@link PaintStyle}, precomputed in a few steps per sign: the painter picks one per
 * edge without allocating, and canvases that cache toolkit colours per {@link Rgba} see only 2·STEPS of them.
 */
final class EdgePalette {

    static final int STEPS = 8;

    private final Rgba[] positive = new Rgba[STEPS];
    private final Rgba[] negative = new Rgba[STEPS];

    EdgePalette(PaintStyle style) {
        for (int i = 0; i < STEPS; i++) {
            double t = i / (double) (STEPS - 1);
            positive[i] = style.positiveWeak().mix(style.positive(), t);
            negative[i] = style.negativeWeak().mix(style.negative(), t);
        }
    }

    /** Colour of a score whose |score| is {@code relative} (0–1) of the largest kept |score|; NaN draws as positive-weak. */
    Rgba color(float score, double relative) {
        int step = (int) (relative * STEPS);
        step = step >= STEPS ? STEPS - 1 : Math.max(step, 0);
        return score < 0 ? negative[step] : positive[step];
    }
}
