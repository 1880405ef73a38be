package org.eapexplorer.circuit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One side of a figure as the user gives it: inches, centimetres, points or pixels. Figures are laid out in points
 * (1/72 in), so a physical length converts directly and a pixel length through the figure's DPI.
 */
public record Length(double value, Unit unit) {

    public enum Unit {
        IN("in", 72), CM("cm", 72 / 2.54), PT("pt", 1), PX("px", Double.NaN);

        private final String suffix;
        private final double points;

        Unit(String suffix, double points) {
            this.suffix = suffix;
            this.points = points;
        }

        public String suffix() {
            return suffix;
        }
    }

    private static final Pattern FORM = Pattern.compile("\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(in|cm|pt|px)\\s*");

    public Length {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a length must be positive, got " + value + unit.suffix);
        }
    }

    /**
     * {@code 7in}, {@code 17.8cm}, {@code 504pt} or {@code 1200px}.
     *
     * @throws IllegalArgumentException saying what was expected
     */
    public static Length parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a positive length with a unit, such as 7in, 17.8cm, 504pt or 1200px, got \""
                    + text + "\"");
        }
        double v = Double.parseDouble(m.group(1));
        Unit unit = Unit.valueOf(m.group(2).toUpperCase(Locale.ROOT));
        if (Double.isInfinite(v)) {
            // Past double's range (1e400in): said as what it is, not as "Infinityin".
            throw new IllegalArgumentException(text.strip() + " is too large: a figure side must be between 1in and "
                    + (int) (FigureSize.MAX_POINTS / 72) + "in");
        }
        if (!(v > 0)) {
            throw new IllegalArgumentException("expected a positive length, got \"" + text + "\"");
        }
        return new Length(v, unit);
    }

    /** In points; pixels count at {@code dpi} pixels per inch. */
    public double points(double dpi) {
        return unit == Unit.PX ? value / dpi * 72 : value * unit.points;
    }

    @Override
    public String toString() {
        // Whole numbers without ".0", as typed; past long's range a cast would print Long.MAX_VALUE, so those keep their exponent.
        return (value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value) : String.valueOf(value)) + unit.suffix;
    }
}
