package org.eapexplorer.circuit;

/** An axis-aligned box in layout units; y grows downwards, as on every canvas we draw on. */
public record Bounds(double minX, double minY, double maxX, double maxY) {

    public Bounds {
        if (!(minX <= maxX && minY <= maxY)) {
            throw new IllegalArgumentException("empty bounds " + minX + "," + minY + " .. " + maxX + "," + maxY);
        }
    }

    public double width() { return maxX - minX; }

    public double height() { return maxY - minY; }

    public boolean contains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    public boolean contains(Bounds other) {
        return contains(other.minX, other.minY) && contains(other.maxX, other.maxY);
    }
}
