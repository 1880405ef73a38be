package org.eapexplorer.ui;

import java.util.List;

/**
 * Where and how large the window opens: the size asked for on the command line ({@code ui --size}) if any, else the
 * size it was left at, else 1280 × 800, shrunk to fit the screen's usable area; the remembered position only while
 * the window's title bar would still be on one of the screens (a monitor unplugged since must not hide it).
 */
public record WindowBounds(double x, double y, double width, double height) {

    /** A screen's usable rectangle (JavaFX's visual bounds), in desktop coordinates. */
    public record Area(double x, double y, double width, double height) {

        boolean containsRect(double rx, double ry, double rw, double rh) {
            return rx >= x && ry >= y && rx + rw <= x + width && ry + rh <= y + height;
        }
    }

    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    /** How much of the window's top must lie on a screen for the remembered position to be used: enough to grab it. */
    static final double GRIP_WIDTH = 120;
    static final double GRIP_HEIGHT = 30;

    public boolean hasPosition() {
        return Double.isFinite(x) && Double.isFinite(y);
    }

    /**
     * @param requestedWidth  {@code ui --size}'s width, or NaN when not given (then also {@code requestedHeight})
     * @param primary         the primary screen's usable area, which the size is fitted to
     * @param screens         every screen's usable area, for the remembered position
     */
    public static WindowBounds opening(WindowPreferences.Remembered remembered, double requestedWidth, double requestedHeight,
                                       Area primary, List<Area> screens) {
        if (Double.isFinite(requestedWidth) && Double.isFinite(requestedHeight)) {
            return new WindowBounds(Double.NaN, Double.NaN, requestedWidth, requestedHeight);
        }
        double w = remembered.hasSize() ? remembered.width() : DEFAULT_WIDTH;
        double h = remembered.hasSize() ? remembered.height() : DEFAULT_HEIGHT;
        w = Math.max(WindowPreferences.MIN_SIZE, Math.min(w, primary.width()));
        h = Math.max(WindowPreferences.MIN_SIZE, Math.min(h, primary.height()));
        if (remembered.hasPosition()) {
            double gripW = Math.min(GRIP_WIDTH, w);
            for (Area s : screens) {
                if (s.containsRect(remembered.x(), remembered.y(), gripW, GRIP_HEIGHT)) {
                    return new WindowBounds(remembered.x(), remembered.y(), w, h);
                }
            }
        }
        return new WindowBounds(Double.NaN, Double.NaN, w, h);
    }
}
