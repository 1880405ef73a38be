package org.eapexplorer.circuit;

import java.util.Locale;

/** Number formatting shared by captions, DOT and SVG tooltips; always Locale.ROOT so files do not depend on the user's locale. */
public final class Numbers {

    private Numbers() {
    }

    /** 4 significant digits, scientific only where plain would be unreadable. */
    public static String compact(double v) {
        if (v == 0 || Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double abs = Math.abs(v);
        if (abs >= 1e-3 && abs < 1e5) {
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
        return String.format(Locale.ROOT, "%.3e", v);
    }

    /** Appends v rounded to 2 decimals without the cost of String.format: SVG writes ~10 numbers per edge. */
    static void appendFixed2(StringBuilder out, double v) {
        long hundredths = Math.round(v * 100);
        if (hundredths < 0) {
            out.append('-');
            hundredths = -hundredths;
        }
        out.append(hundredths / 100);
        long frac = hundredths % 100;
        if (frac != 0) {
            out.append('.');
            out.append((char) ('0' + frac / 10));
            if (frac % 10 != 0) {
                out.append((char) ('0' + frac % 10));
            }
        }
    }
}
