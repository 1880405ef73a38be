package org.eapexplorer.circuit;

/** A colour in sRGB, 0–255 per channel, alpha 0–1; toolkit-neutral so the painter needs neither AWT nor JavaFX. */
public record Rgba(int red, int green, int blue, double alpha) {

    public Rgba {
        if ((red | green | blue) >>> 8 != 0 || !(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("colour out of range: " + red + "," + green + "," + blue + "," + alpha);
        }
    }

    /** {@code #2166AC} or {@code 2166AC}, opaque. */
    public static Rgba hex(String hex) {
        String h = hex.startsWith("#") ? hex.substring(1) : hex;
        if (h.length() != 6) {
            throw new IllegalArgumentException("expected #rrggbb, got " + hex);
        }
        int rgb = Integer.parseInt(h, 16);
        return new Rgba(rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff, 1);
    }

    public Rgba withAlpha(double a) {
        return new Rgba(red, green, blue, a);
    }

    /** Linear blend in sRGB: t = 0 gives this, t = 1 gives {@code other}. */
    public Rgba mix(Rgba other, double t) {
        return new Rgba((int) Math.round(red + (other.red - red) * t), (int) Math.round(green + (other.green - green) * t),
                (int) Math.round(blue + (other.blue - blue) * t), alpha + (other.alpha - alpha) * t);
    }

    /** {@code #rrggbb}, alpha dropped (SVG and DOT carry opacity separately). */
    public String toHex() {
        return String.format("#%02x%02x%02x", red, green, blue);
    }

    /** Packed 0xAARRGGBB, as java.awt.Color and BufferedImage use it. */
    public int argb() {
        return (int) Math.round(alpha * 255) << 24 | red << 16 | green << 8 | blue;
    }

    public boolean isOpaque() {
        return alpha >= 1;
    }
}
