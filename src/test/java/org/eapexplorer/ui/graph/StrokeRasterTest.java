package org.eapexplorer.ui.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The edge rasteriser's coverage and blending, pixel by pixel (no JavaFX toolkit needed for the buffer). */
class StrokeRasterTest {

    private static final int RED = 0xffb2182b;
    private static final int BLUE = 0xff2166ac;

    private static StrokeRaster raster(int w, int h) {
        StrokeRaster r = new StrokeRasterForTest();
        r.resize(w, h);
        return r;
    }

    /** Keeps the buffer readable: the real class only hands it to a WritableImage. */
    static final class StrokeRasterForTest extends StrokeRaster {
    }

    @Test
    void aTwoPixelHorizontalLineCoversTwoRowsFullyAndNothingElse() {
        StrokeRaster r = raster(20, 20);
        r.line(2, 10, 18, 10, RED, 2);
        int[] p = r.pixelsForTest();
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                boolean inside = (y == 9 || y == 10) && x >= 2 && x < 18;
                assertEquals(inside ? RED : 0, p[y * 20 + x], "pixel " + x + "," + y);
            }
        }
        int[] box = r.dirtyBox();
        assertArrayEquals(new int[] {2, 9, 16}, new int[] {box[0], box[1], box[2]});
        assertTrue(box[3] >= 2 && box[3] <= 3, "the box holds the two rows (it may be a row generous)");
    }

    @Test
    void aHalfPixelLineGivesHalfCoverageInPremultipliedColour() {
        StrokeRaster r = raster(10, 10);
        r.line(5.5, 0, 5.5, 10, BLUE, 0.5);
        int pixel = r.pixelsForTest()[3 * 10 + 5];
        int alpha = pixel >>> 24;
        assertEquals(128, alpha, 1);
        assertEquals((0x21 * alpha) / 255, pixel >> 16 & 0xff, 1);
        assertEquals((0xac * alpha) / 255, pixel & 0xff, 1);
        assertEquals(0, r.pixelsForTest()[3 * 10 + 4]);
    }

    @Test
    void laterStrokesGoOnTopAndClearEmptiesTheTouchedRows() {
        StrokeRaster r = raster(10, 10);
        r.line(0, 5, 10, 5, RED, 2);
        r.line(5, 0, 5, 10, BLUE, 2);
        int[] p = r.pixelsForTest();
        assertEquals(BLUE, p[4 * 10 + 4], "the crossing shows the later stroke");
        assertEquals(RED, p[4 * 10 + 1]);
        r.clear();
        assertTrue(r.isEmpty());
        for (int v : r.pixelsForTest()) {
            assertEquals(0, v);
        }
    }

    @Test
    void twoBandsDrawExactlyWhatOneRasterDraws() {
        java.util.Random random = new java.util.Random(5);
        double[][] strokes = new double[300][];
        for (int i = 0; i < strokes.length; i++) {
            strokes[i] = new double[] {random.nextDouble() * 120 - 10, random.nextDouble() * 90 - 5, random.nextDouble() * 120 - 10,
                    random.nextDouble() * 90 - 5, 0.3 + 4 * random.nextDouble(), random.nextBoolean() ? RED : BLUE};
        }
        StrokeRaster whole = raster(100, 80);
        StrokeRaster banded = raster(100, 80);
        StrokeRaster top = banded.band(0, 37);
        StrokeRaster bottom = banded.band(37, 80);
        for (double[] t : strokes) {
            double bend = 20;
            whole.cubic(t[0], t[1], t[0], t[1] - bend, t[2], t[3] + bend, t[2], t[3], (int) t[5], t[4]);
            top.cubic(t[0], t[1], t[0], t[1] - bend, t[2], t[3] + bend, t[2], t[3], (int) t[5], t[4]);
        }
        for (double[] t : strokes) {
            double bend = 20;
            bottom.cubic(t[0], t[1], t[0], t[1] - bend, t[2], t[3] + bend, t[2], t[3], (int) t[5], t[4]);
        }
        banded.absorb(top);
        banded.absorb(bottom);
        // A band starts its fixed-point walk at its own first row, so coverage may differ by a rounding step.
        int[] a = whole.pixelsForTest();
        int[] b = banded.pixelsForTest();
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 32; shift += 8) {
                worst = Math.max(worst, Math.abs((a[i] >>> shift & 0xff) - (b[i] >>> shift & 0xff)));
            }
        }
        assertTrue(worst <= 2, "largest channel difference " + worst);
        assertArrayEquals(whole.dirtyBox(), banded.dirtyBox());
    }

    @Test
    void curvesStayInsideTheirHullAndCoverTheirEnds() {
        StrokeRaster r = raster(100, 100);
        r.cubic(10, 90, 10, 40, 90, 60, 90, 10, RED, 1.5);
        int[] box = r.dirtyBox();
        assertTrue(box[0] >= 8 && box[0] + box[2] <= 92, "x inside the hull: " + java.util.Arrays.toString(box));
        assertTrue(box[1] >= 9 && box[1] + box[3] <= 91, "y inside the hull: " + java.util.Arrays.toString(box));
        int[] p = r.pixelsForTest();
        assertTrue((p[88 * 100 + 10] >>> 24) > 100 && (p[11 * 100 + 90] >>> 24) > 100, "both ends drawn");
    }
}
