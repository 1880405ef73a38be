package org.eapexplorer.stats;

import java.util.Arrays;
import java.util.Comparator;

/** Pearson and Spearman correlation of paired samples, skipping pairs where either value is NaN. */
public final class Correlation {

    private Correlation() {
    }

    public static double pearson(double[] x, double[] y) {
        double[][] xy = finitePairs(x, y);
        return pearsonOf(xy[0], xy[1]);
    }

    /** Pearson correlation of the ranks, ties given their average rank. */
    public static double spearman(double[] x, double[] y) {
        double[][] xy = finitePairs(x, y);
        return pearsonOf(ranks(xy[0]), ranks(xy[1]));
    }

    static double pearsonOf(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    static double[] ranks(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> v[i]));
        double[] rank = new double[v.length];
        int i = 0;
        while (i < v.length) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                rank[order[k]] = average;
            }
            i = j + 1;
        }
        return rank;
    }

    private static double[][] finitePairs(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(x.length + " x values but " + y.length + " y values");
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
            }
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[k] = x[i];
                b[k++] = y[i];
            }
        }
        return new double[][] {a, b};
    }
}
