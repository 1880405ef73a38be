package org.eapexplorer.circuit;

/**
 * A dash pattern walked along a polyline, so that dashes run on across its joints: every canvas (PDF, SVG, PNG, the
 * window) draws the dashes as plain line pieces, so a curve's dash looks the same in all of them.
 */
public final class DashedLine {

    /** Where a visible piece goes. */
    @FunctionalInterface
    public interface Sink {
        void piece(double x1, double y1, double x2, double y2);
    }

    private final double[] pattern;
    private final Sink sink;
    private int phase;
    private double left;

    /** @param pattern on/off lengths in drawing units, starting with "on"; empty for a solid line */
    public DashedLine(double[] pattern, Sink sink) {
        this.pattern = pattern.clone();
        this.sink = sink;
        this.left = pattern.length == 0 ? 0 : pattern[0];
    }

    /** The next piece of the line, from (x1, y1) to (x2, y2). */
    public void to(double x1, double y1, double x2, double y2) {
        if (pattern.length == 0) {
            sink.piece(x1, y1, x2, y2);
            return;
        }
        double length = Math.hypot(x2 - x1, y2 - y1);
        double done = 0;
        while (done < length) {
            double step = Math.min(left, length - done);
            if (phase % 2 == 0 && step > 0) {
                double t0 = done / length;
                double t1 = (done + step) / length;
                sink.piece(x1 + t0 * (x2 - x1), y1 + t0 * (y2 - y1), x1 + t1 * (x2 - x1), y1 + t1 * (y2 - y1));
            }
            done += step;
            left -= step;
            if (left <= 1e-9) {
                phase = (phase + 1) % pattern.length;
                left = pattern[phase];
            }
        }
    }
}
