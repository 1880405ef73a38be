package org.eapexplorer.ui;

/**
 * The threshold control's setting: a minimum |score| or a number of edges, depending on the mode.
 *
 * @param value |score| for {@link ThresholdMode#SCORE}, k for {@link ThresholdMode#TOP_K}
 */
public record Threshold(ThresholdMode mode, double value) {

    public static final int DEFAULT_TOP_K = 100;

    public Threshold {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("threshold must be a non-negative number, got " + value);
        }
        if (mode == ThresholdMode.TOP_K && value != Math.rint(value)) {
            throw new IllegalArgumentException("top-k needs a whole number of edges, got " + value);
        }
    }

    public static Threshold topK(int k) {
        return new Threshold(ThresholdMode.TOP_K, k);
    }

    public static Threshold score(double minAbsScore) {
        return new Threshold(ThresholdMode.SCORE, minAbsScore);
    }

    public int k() {
        return (int) value;
    }
}
