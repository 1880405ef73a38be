package org.eapexplorer.ui.graph;

import java.util.Arrays;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A premultiplied-ARGB pixel buffer that strokes antialiased lines and flattened cubics itself. JavaFX's canvas
 * rasterises each stroke as a separate antialiased shape, which costs tens of microseconds per long edge in the
 * software pipeline: fine for a few hundred edges, a second for all 32,491 of GPT-2 small. Here a stroke is a
 * column (or row) scan with fractional coverage at its two sides — a few nanoseconds per pixel — and the
 * finished buffer goes to the canvas as one image.
 *
 * <p>Coordinates are device pixels. Pixels are covered by half-open spans along a segment's major axis, so two
 * segments of one curve do not double-cover their shared point.
 */
class StrokeRaster {

    private int width;
    private int height;
    private int[] pixels = new int[0];
    private WritableImage image;
    /** Rows touched since the last clear, so clearing and uploading skip untouched rows. */
    private int dirtyMinY = Integer.MAX_VALUE;
    private int dirtyMaxY = -1;
    /** Columns touched since the last clear: with the rows, the box the canvas needs to composite. */
    private int dirtyMinX = Integer.MAX_VALUE;
    private int dirtyMaxX = -1;
    /** Rows written to the image by the last upload. */
    private int uploadedMinY = Integer.MAX_VALUE;
    private int uploadedMaxY = -1;

    /** Rows this raster draws into, [bandMin, bandMax): all of them, or a band for drawing in parallel. */
    private int bandMin;
    private int bandMax;

    void resize(int w, int h) {
        if (w == width && h == height) {
            return;
        }
        width = Math.max(1, w);
        height = Math.max(1, h);
        bandMin = 0;
        bandMax = height;
        pixels = new int[width * height];
        image = new WritableImage(width, height);
        uploadedMinY = Integer.MAX_VALUE;
        uploadedMaxY = -1;
        dirtyMinY = Integer.MAX_VALUE;
        dirtyMaxY = -1;
        dirtyMinX = Integer.MAX_VALUE;
        dirtyMaxX = -1;
    }

    /**
     * A raster over the same pixels that draws only rows [from, to): two bands can be drawn by two threads at once,
     * each keeping the stroke order within its rows. Fold each band back with {@link #absorb} before uploading.
     */
    StrokeRaster band(int from, int to) {
        StrokeRaster band = new StrokeRaster();
        band.width = width;
        band.height = height;
        band.pixels = pixels;
        band.bandMin = Math.max(0, from);
        band.bandMax = Math.min(height, to);
        return band;
    }

    /** Takes over what a band drew, so that clearing and uploading cover it. */
    void absorb(StrokeRaster band) {
        if (!band.isEmpty()) {
            markRows(band.dirtyMinY, band.dirtyMaxY);
            markColumns(band.dirtyMinX, band.dirtyMaxX);
        }
    }

    int width() { return width; }

    /** The premultiplied ARGB buffer, row by row; for tests. */
    int[] pixelsForTest() {
        return pixels;
    }

    int height() { return height; }

    boolean isEmpty() {
        return dirtyMaxY < dirtyMinY;
    }

    void clear() {
        if (!isEmpty()) {
            Arrays.fill(pixels, dirtyMinY * width, (dirtyMaxY + 1) * width, 0);
        }
        dirtyMinY = Integer.MAX_VALUE;
        dirtyMaxY = -1;
        dirtyMinX = Integer.MAX_VALUE;
        dirtyMaxX = -1;
    }

    /** The touched box as {x, y, width, height} in pixels; empty (all zero) when nothing was drawn. */
    int[] dirtyBox() {
        if (isEmpty()) {
            return new int[4];
        }
        return new int[] {dirtyMinX, dirtyMinY, dirtyMaxX - dirtyMinX + 1, dirtyMaxY - dirtyMinY + 1};
    }

    /**
     * Copies the touched rows into the image, together with the rows touched at the previous upload (which
     * {@link #clear()} blanked since), so the image equals the buffer without copying untouched rows.
     */
    WritableImage upload() {
        int from = Math.min(dirtyMinY, uploadedMinY);
        int to = Math.max(dirtyMaxY, uploadedMaxY);
        if (from <= to) {
            image.getPixelWriter().setPixels(0, from, width, to - from + 1, PixelFormat.getIntArgbPreInstance(),
                    pixels, from * width, width);
        }
        uploadedMinY = dirtyMinY;
        uploadedMaxY = dirtyMaxY;
        return image;
    }

    /** A cubic Bézier, flattened into segments of about 12 px. */
    void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2,
               int argb, double strokeWidth) {
        double hull = Math.hypot(c1x - x1, c1y - y1) + Math.hypot(c2x - c1x, c2y - c1y) + Math.hypot(x2 - c2x, y2 - c2y);
        int steps = (int) Math.max(2, Math.min(24, Math.ceil(hull / 12)));
        setColour(argb);
        double px = x1;
        double py = y1;
        for (int i = 1; i <= steps; i++) {
            double t = i / (double) steps;
            double u = 1 - t;
            double a = u * u * u;
            double b = 3 * u * u * t;
            double c = 3 * u * t * t;
            double d = t * t * t;
            double x = a * x1 + b * c1x + c * c2x + d * x2;
            double y = a * y1 + b * c1y + c * c2y + d * y2;
            segment(px, py, x, y, strokeWidth);
            px = x;
            py = y;
        }
    }

    /** A straight segment of the given width (device pixels); argb is straight (not premultiplied) colour. */
    void line(double x0, double y0, double x1, double y1, int argb, double strokeWidth) {
        setColour(argb);
        segment(x0, y0, x1, y1, strokeWidth);
    }

    // The colour of the current stroke, premultiplied, in 0..255 per channel; set once per line or curve.
    private int colourArgb;
    private int sa;
    private int sr;
    private int sg;
    private int sb;
    private int packed;

    private void setColour(int argb) {
        if (argb == colourArgb && sa != 0) {
            return;
        }
        colourArgb = argb;
        sa = argb >>> 24;
        sr = div255((argb >> 16 & 0xff) * sa);
        sg = div255((argb >> 8 & 0xff) * sa);
        sb = div255((argb & 0xff) * sa);
        packed = sa << 24 | sr << 16 | sg << 8 | sb;
    }

    private static final int FRACTION_BITS = 16;
    private static final double ONE = 1 << FRACTION_BITS;

    /**
     * Steps along the major axis one pixel at a time in 48.16 fixed point: per step, the covered span across the
     * minor axis and the coverage of its two end pixels are integer operations.
     */
    private void segment(double x0, double y0, double x1, double y1, double strokeWidth) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        boolean xMajor = Math.abs(dx) >= Math.abs(dy);
        if (xMajor ? dx < 0 : dy < 0) {
            segment(x1, y1, x0, y0, strokeWidth);
            return;
        }
        double major0 = xMajor ? x0 : y0;
        double major1 = xMajor ? x1 : y1;
        double minor0 = xMajor ? y0 : x0;
        double length = major1 - major0;
        if (length == 0) {
            return;
        }
        double slope = (xMajor ? dy : dx) / length;
        double half = 0.5 * strokeWidth * Math.sqrt(1 + slope * slope);
        int majorLo = xMajor ? 0 : bandMin;
        int majorHi = xMajor ? width : bandMax;
        int minorLo = xMajor ? bandMin : 0;
        int minorHi = xMajor ? bandMax : width;
        int from = Math.max(majorLo, (int) Math.ceil(major0 - 0.5));
        int to = Math.min(majorHi, (int) Math.ceil(major1 - 0.5));
        if (from >= to) {
            return;
        }
        if (xMajor) {
            double rowTop = Math.min(y0, y1) - half;
            double rowBottom = Math.max(y0, y1) + half;
            if (rowBottom < bandMin || rowTop >= bandMax) {
                return;
            }
            markRows((int) Math.floor(rowTop), (int) Math.floor(rowBottom));
            markColumns(from, to - 1);
        } else {
            markRows(from, to - 1);
            markColumns((int) Math.floor(Math.min(x0, x1) - half), (int) Math.floor(Math.max(x0, x1) + half));
        }
        long centre = Math.round((minor0 + slope * (from + 0.5 - major0)) * ONE);
        long step = Math.round(slope * ONE);
        long h = Math.round(half * ONE);
        int stride = xMajor ? width : 1;
        int across = xMajor ? 1 : width;
        for (int m = from; m < to; m++, centre += step) {
            long top = centre - h;
            long bottom = centre + h;
            long first = top >> FRACTION_BITS;
            long last = bottom >> FRACTION_BITS;
            int base = m * across;
            if (first == last) {
                if (first >= minorLo && first < minorHi) {
                    blend(base + (int) first * stride, (int) ((bottom - top) >> (FRACTION_BITS - 8)));
                }
                continue;
            }
            if (first >= minorLo && first < minorHi) {
                blend(base + (int) first * stride, (int) ((((first + 1) << FRACTION_BITS) - top) >> (FRACTION_BITS - 8)));
            }
            long end = Math.min(last, minorHi);
            for (long k = Math.max(first + 1, minorLo); k < end; k++) {
                blend(base + (int) k * stride, 256);
            }
            if (last >= minorLo && last < minorHi) {
                blend(base + (int) last * stride, (int) ((bottom - (last << FRACTION_BITS)) >> (FRACTION_BITS - 8)));
            }
        }
    }

    private void markColumns(int first, int last) {
        first = Math.max(0, first);
        last = Math.min(width - 1, last);
        if (first > last) {
            return;
        }
        if (first < dirtyMinX) {
            dirtyMinX = first;
        }
        if (last > dirtyMaxX) {
            dirtyMaxX = last;
        }
    }

    private void markRows(int first, int last) {
        first = Math.max(bandMin, first);
        last = Math.min(bandMax - 1, last);
        if (first > last) {
            return;
        }
        if (first < dirtyMinY) {
            dirtyMinY = first;
        }
        if (last > dirtyMaxY) {
            dirtyMaxY = last;
        }
    }

    /**
     * Source-over of the current colour at coverage {@code cover} (0–256) onto a premultiplied pixel. Two
     * channels per multiply (red+blue, alpha+green), dividing by 256 instead of 255: an error of at most one
     * level in antialiased fringes, for a third of the arithmetic.
     */
    private void blend(int index, int cover) {
        if (cover <= 0) {
            return;
        }
        if (cover >= 256 && sa == 255) {
            pixels[index] = packed;
            return;
        }
        int src = (((packed & 0x00ff00ff) * cover >>> 8) & 0x00ff00ff) | (((packed >>> 8) & 0x00ff00ff) * cover & 0xff00ff00);
        int keep = 256 - (src >>> 24);
        int dst = pixels[index];
        int rest = (((dst & 0x00ff00ff) * keep >>> 8) & 0x00ff00ff) | (((dst >>> 8) & 0x00ff00ff) * keep & 0xff00ff00);
        pixels[index] = src + rest;
    }

    /** x / 255 rounded, for 0 ≤ x ≤ 255·255, without a division. */
    private static int div255(int x) {
        int t = x + 128;
        return (t + (t >> 8)) >> 8;
    }
}
