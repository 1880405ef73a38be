package org.eapexplorer.ui.patching;

import java.util.Arrays;

/**
 * Where a scatter's points are drawn, bucketed in a grid of {@link #CELL}-pixel cells, so that the point under the
 * pointer and the points inside a brush are found by looking at the few cells they touch instead of at all 32,491
 * points of GPT-2 small. Built once per drawing of the points (a new scatter or a resize), read on every hover.
 */
final class ScatterIndex {

    static final double CELL = 8;

    private final double[] px;
    private final double[] py;
    private final int columns;
    private final int rows;
    /** Points of cell c are order[start[c]] … order[start[c + 1] − 1], in increasing point index. */
    private final int[] start;
    private final int[] order;

    private ScatterIndex(double[] px, double[] py, int columns, int rows, int[] start, int[] order) {
        this.px = px;
        this.py = py;
        this.columns = columns;
        this.rows = rows;
        this.start = start;
        this.order = order;
    }

    /** The points of {@code s} as drawn in frame {@code f} of a chart {@code width} × {@code height} pixels. */
    static ScatterIndex of(PatchScatter s, PlotFrame f, double width, double height) {
        int n = s.size();
        double[] px = new double[n];
        double[] py = new double[n];
        int columns = Math.max(1, (int) Math.ceil(width / CELL));
        int rows = Math.max(1, (int) Math.ceil(height / CELL));
        int[] cellOf = new int[n];
        int[] start = new int[columns * rows + 1];
        for (int i = 0; i < n; i++) {
            px[i] = f.x(s.eap()[i]);
            py[i] = f.y(s.patched()[i]);
            cellOf[i] = cell(clamp((int) Math.floor(px[i] / CELL), columns), clamp((int) Math.floor(py[i] / CELL), rows), columns);
            start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < columns * rows; c++) {
            start[c + 1] += start[c];
        }
        int[] fill = Arrays.copyOf(start, start.length - 1);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[fill[cellOf[i]]++] = i;
        }
        return new ScatterIndex(px, py, columns, rows, start, order);
    }

    private static int clamp(int v, int count) {
        return Math.max(0, Math.min(count - 1, v));
    }

    private static int cell(int column, int row, int columns) {
        return row * columns + column;
    }

    double x(int i) {
        return px[i];
    }

    double y(int i) {
        return py[i];
    }

    /** The point nearest (x, y) within {@code radius} pixels (the lowest index among equally near ones), or -1. */
    int nearest(double x, double y, double radius) {
        int best = -1;
        double bestD = radius * radius;
        int c0 = clamp((int) Math.floor((x - radius) / CELL), columns);
        int c1 = clamp((int) Math.floor((x + radius) / CELL), columns);
        int r0 = clamp((int) Math.floor((y - radius) / CELL), rows);
        int r1 = clamp((int) Math.floor((y + radius) / CELL), rows);
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = cell(c, r, columns);
                for (int k = start[cell]; k < start[cell + 1]; k++) {
                    int i = order[k];
                    double dx = px[i] - x;
                    double dy = py[i] - y;
                    double d = dx * dx + dy * dy;
                    if (d < bestD || (d == bestD && (best < 0 || i < best))) {
                        bestD = d;
                        best = i;
                    }
                }
            }
        }
        return best;
    }

    /** The points inside the rectangle spanned by two corners (edges included), in increasing index. */
    int[] inside(double x0, double y0, double x1, double y1) {
        double lx = Math.min(x0, x1);
        double hx = Math.max(x0, x1);
        double ly = Math.min(y0, y1);
        double hy = Math.max(y0, y1);
        int c0 = clamp((int) Math.floor(lx / CELL), columns);
        int c1 = clamp((int) Math.floor(hx / CELL), columns);
        int r0 = clamp((int) Math.floor(ly / CELL), rows);
        int r1 = clamp((int) Math.floor(hy / CELL), rows);
        int[] found = new int[16];
        int count = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = cell(c, r, columns);
                for (int k = start[cell]; k < start[cell + 1]; k++) {
                    int i = order[k];
                    if (px[i] >= lx && px[i] <= hx && py[i] >= ly && py[i] <= hy) {
                        if (count == found.length) {
                            found = Arrays.copyOf(found, count * 2);
                        }
                        found[count++] = i;
                    }
                }
            }
        }
        int[] out = Arrays.copyOf(found, count);
        Arrays.sort(out);
        return out;
    }
}
