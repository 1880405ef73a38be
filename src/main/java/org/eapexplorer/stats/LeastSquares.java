package org.eapexplorer.stats;

import java.util.Locale;

/**
 * The ordinary least-squares line y = slope·x + intercept through paired samples, and its R² (the share of y's
 * variance the line explains, 1 − SS_res / SS_tot; for a line with an intercept this is Pearson's r²). What Figure 4a
 * of Syed, Rager &amp; Conmy (2023) reports for EAP (x) against exact activation patching (y): R² = 0.27, slope 0.531 on
 * Docstring. Pairs where either value is NaN are left out; with fewer than two pairs, or all x equal, every field but
 * {@code n} is NaN.
 */
public record LeastSquares(double slope, double intercept, double rSquared, int n) {

    public static LeastSquares fit(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y " + y.length);
        }
        int n = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                n++;
                mx += x[i];
                my += y[i];
            }
        }
        if (n < 2) {
            return new LeastSquares(Double.NaN, Double.NaN, Double.NaN, n);
        }
        mx /= n;
        my /= n;
        // Centred sums, not Σx² − n·x̄²: the scatter's values sit far from 0 relative to their spread only rarely, but
        // then the short formula loses every digit.
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double dx = x[i] - mx;
                double dy = y[i] - my;
                sxx += dx * dx;
                sxy += dx * dy;
                syy += dy * dy;
            }
        }
        if (sxx == 0) {
            return new LeastSquares(Double.NaN, Double.NaN, Double.NaN, n);
        }
        double slope = sxy / sxx;
        double intercept = my - slope * mx;
        double residual = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                double r = y[i] - (intercept + slope * x[i]);
                residual += r * r;
            }
        }
        // All y equal: the flat line explains everything there is.
        double rSquared = syy == 0 ? 1 : 1 - residual / syy;
        return new LeastSquares(slope, intercept, rSquared, n);
    }

    public boolean defined() {
        return !Double.isNaN(slope);
    }

    public double at(double x) {
        return intercept + slope * x;
    }

    /** "y = 0.531x + 0.012, R² = 0.27": three significant digits (at least three decimals), R² to two decimals. */
    public String equation() {
        if (!defined()) {
            return "no least-squares line (fewer than two points, or all x equal)";
        }
        return "y = " + number(slope) + "x " + (intercept < 0 ? "− " : "+ ") + number(Math.abs(intercept))
                + String.format(Locale.ROOT, ", R² = %.2f", rSquared);
    }

    private static String number(double v) {
        double a = Math.abs(v);
        String s = a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3g", v)
                : String.format(Locale.ROOT, "%.3f", v);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }
}
