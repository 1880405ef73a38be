package org.eapexplorer.ui.charts;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Signed edge scores binned over a range symmetric about zero, as in the EAP paper's Figure 7, with one
 * series per group of edges: all edges, or those in / not in a reference circuit. Each series carries its
 * mean and standard deviation for the legend. Non-finite scores are left out.
 */
public record Histogram(double min, double max, int bins, List<Series> series) {

    public static final int DEFAULT_BINS = 81;

    /** One group of edges: counts per bin and the moments of the scores in it. */
    public record Series(String name, long[] counts, long total, double mean, double std) {

        public long maxCount() {
            long m = 0;
            for (long c : counts) {
                m = Math.max(m, c);
            }
            return m;
        }
    }

    public Histogram {
        series = List.copyOf(series);
        if (bins <= 0 || !(max > min)) {
            throw new IllegalArgumentException("bad histogram range " + min + ".." + max + " with " + bins + " bins");
        }
    }

    /** All scores as one series. */
    public static Histogram of(float[] scores, int bins) {
        return split(scores, null, "all edges", null, bins);
    }

    /**
     * Two series: edges whose bit is set in {@code inReference} and the others; a null reference gives one
     * series named {@code inName}. The hook for comparing against a ground-truth circuit.
     */
    public static Histogram split(float[] scores, BitSet inReference, String inName, String outName, int bins) {
        double maxAbs = 0;
        for (float s : scores) {
            if (Float.isFinite(s)) {
                maxAbs = Math.max(maxAbs, Math.abs(s));
            }
        }
        if (maxAbs == 0) {
            maxAbs = 1;
        }
        double min = -maxAbs;
        double max = maxAbs;
        List<Series> out = new ArrayList<>();
        if (inReference == null) {
            out.add(series(inName, scores, null, true, min, max, bins));
        } else {
            out.add(series(inName, scores, inReference, true, min, max, bins));
            out.add(series(outName, scores, inReference, false, min, max, bins));
        }
        return new Histogram(min, max, bins, out);
    }

    public double binWidth() {
        return (max - min) / bins;
    }

    public double binStart(int bin) {
        return min + bin * binWidth();
    }

    public int binOf(double value) {
        int b = (int) Math.floor((value - min) / binWidth());
        return Math.max(0, Math.min(bins - 1, b));
    }

    public long maxCount() {
        long m = 0;
        for (Series s : series) {
            m = Math.max(m, s.maxCount());
        }
        return m;
    }

    private static Series series(String name, float[] scores, BitSet mask, boolean wanted, double min, double max, int bins) {
        long[] counts = new long[bins];
        double width = (max - min) / bins;
        long n = 0;
        double sum = 0;
        double sumSq = 0;
        for (int e = 0; e < scores.length; e++) {
            float s = scores[e];
            if (!Float.isFinite(s) || (mask != null && mask.get(e) != wanted)) {
                continue;
            }
            int b = (int) Math.floor((s - min) / width);
            counts[Math.max(0, Math.min(bins - 1, b))]++;
            n++;
            sum += s;
            sumSq += (double) s * s;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double variance = n == 0 ? Double.NaN : Math.max(0, sumSq / n - mean * mean);
        return new Series(name, counts, n, mean, Math.sqrt(variance));
    }
}
