package org.eapexplorer.circuit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eapexplorer.circuit.GraphCanvas.Anchor;

/**
 * A chart's text and data marks as boxes, so that a painter can keep labels apart and legends off the data on any
 * canvas: every text is drawn through here and recorded as a box (its width measured by the canvas, its height one
 * em centred on y, as {@link GraphCanvas#text} draws it), every data mark as a segment with a half-width. Painters
 * ask {@link #free} before placing a label; tests read the same boxes back ({@link Recorder}) and check the layout
 * without looking at pixels.
 *
 * <p>A layout made for a panel of a bigger figure ({@link #shifted}) draws through a {@link FittedCanvas} at scale 1 and
 * records into its parent in the parent's coordinates, so small multiples are checked together.
 */
public final class LabelLayout {

    /** Axis ticks and titles, annotations beside the data (LABEL); keys that explain the marks (LEGEND). */
    public enum Kind { LABEL, LEGEND }

    /** A text's rectangle; {@code x, y} its top-left corner. */
    public record Box(double x, double y, double width, double height, Kind kind, String text) {

        public boolean intersects(Box o) {
            return x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height;
        }

        public Box moved(double dx, double dy) {
            return new Box(x + dx, y + dy, width, height, kind, text);
        }
    }

    /** A stretch of plotted data: a segment, fattened by {@code pad} on every side (a point is a segment of length 0). */
    public record Mark(double x1, double y1, double x2, double y2, double pad) {

        /** Whether the fattened segment meets {@code b} (Liang–Barsky clipping against b grown by pad). */
        public boolean meets(Box b) {
            double minX = b.x() - pad;
            double maxX = b.x() + b.width() + pad;
            double minY = b.y() - pad;
            double maxY = b.y() + b.height() + pad;
            double dx = x2 - x1;
            double dy = y2 - y1;
            double t0 = 0;
            double t1 = 1;
            double[] p = {-dx, dx, -dy, dy};
            double[] q = {x1 - minX, maxX - x1, y1 - minY, maxY - y1};
            for (int i = 0; i < 4; i++) {
                if (p[i] == 0) {
                    if (q[i] < 0) {
                        return false;
                    }
                } else {
                    double t = q[i] / p[i];
                    if (p[i] < 0) {
                        t0 = Math.max(t0, t);
                    } else {
                        t1 = Math.min(t1, t);
                    }
                    if (t0 > t1) {
                        return false;
                    }
                }
            }
            return true;
        }

        Mark moved(double dx, double dy) {
            return new Mark(x1 + dx, y1 + dy, x2 + dx, y2 + dy, pad);
        }
    }

    /** A canvas that wants the layout's boxes and marks, in its own coordinates (tests). */
    public interface Recorder {
        void box(Box box);

        void mark(Mark mark);
    }

    /** Space kept between a label and anything else, in layout units. */
    public static final double GAP = 3;

    private final GraphCanvas canvas;
    private final LabelLayout parent;
    private final double dx;
    private final double dy;
    private final List<Box> boxes;
    private final List<Mark> marks;
    private double boundsWidth = Double.POSITIVE_INFINITY;
    private double boundsHeight = Double.POSITIVE_INFINITY;

    public LabelLayout(GraphCanvas canvas) {
        this(canvas, null, 0, 0, new ArrayList<>(), new ArrayList<>());
    }

    private LabelLayout(GraphCanvas canvas, LabelLayout parent, double dx, double dy, List<Box> boxes, List<Mark> marks) {
        this.canvas = canvas;
        this.parent = parent;
        this.dx = dx;
        this.dy = dy;
        this.boxes = boxes;
        this.marks = marks;
    }

    /** A layout that draws nothing: for working out, outside a paint, where a painter puts its plot (click mapping). */
    public static LabelLayout measuring() {
        return new LabelLayout(new BlankCanvas());
    }

    /** A layout for a panel whose origin is at (dx, dy) of this one's. */
    public LabelLayout shifted(double panelX, double panelY) {
        return new LabelLayout(new FittedCanvas(canvas, 1, panelX, panelY), this, panelX, panelY, new ArrayList<>(), new ArrayList<>());
    }

    public GraphCanvas canvas() {
        return canvas;
    }

    /** Keeps what {@link #place} places inside (0, 0)–(width, height) of this layout; returns this layout. */
    public LabelLayout bounded(double width, double height) {
        boundsWidth = width;
        boundsHeight = height;
        return this;
    }

    /** The boxes recorded here and in panels made from here, in this layout's coordinates. */
    public List<Box> boxes() {
        return Collections.unmodifiableList(boxes);
    }

    public List<Mark> marks() {
        return Collections.unmodifiableList(marks);
    }

    public double width(String text, double size) {
        return canvas.textWidth(text, size);
    }

    /** The box {@code text} would take drawn at (x, y) with {@code anchor}. */
    public Box box(double x, double y, String text, double size, Anchor anchor, Kind kind) {
        double w = width(text, size);
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - w / 2;
            case END -> x - w;
        };
        return new Box(left, y - size / 2, w, size, kind, text);
    }

    /** Whether {@code b}, grown by {@link #GAP}, meets no text placed so far and, for a legend, no data mark. */
    public boolean free(Box b) {
        return free(b, b.kind() == Kind.LEGEND);
    }

    private boolean free(Box b, boolean offTheData) {
        if (b.x() < 0 || b.y() < 0 || b.x() + b.width() > boundsWidth || b.y() + b.height() > boundsHeight) {
            return false;
        }
        Box grown = new Box(b.x() - GAP, b.y() - GAP / 2, b.width() + 2 * GAP, b.height() + GAP, b.kind(), b.text());
        for (Box o : root().boxes) {
            if (o.intersects(grown.moved(offsetX(), offsetY()))) {
                return false;
            }
        }
        if (offTheData) {
            Box inRoot = b.moved(offsetX(), offsetY());
            for (Mark m : root().marks) {
                if (m.meets(inRoot)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Draws {@code text} and records its box. */
    public Box text(double x, double y, String text, double size, Anchor anchor, Rgba color, Kind kind) {
        Box b = box(x, y, text, size, anchor, kind);
        canvas.text(x, y, text, size, anchor, color);
        record(b);
        return b;
    }

    /**
     * Draws {@code text} at the first of the {@code candidates} ({x, y, anchor ordinal} each) where it crosses no data
     * either, else at the first where it is {@link #free}, and returns its box; null, drawing nothing, where none is
     * (a label that would cover another is worse than none).
     */
    public Box place(String text, double size, Rgba color, Kind kind, double[]... candidates) {
        for (boolean offTheData : new boolean[] {true, false}) {
            if (!offTheData && kind == Kind.LEGEND) {
                break;
            }
            for (double[] c : candidates) {
                Anchor anchor = Anchor.values()[(int) c[2]];
                Box b = box(c[0], c[1], text, size, anchor, kind);
                if (free(b, offTheData)) {
                    return text(c[0], c[1], text, size, anchor, color, kind);
                }
            }
        }
        return null;
    }

    /** {@code text} cut to {@code maxWidth} with "…" at the end where it is wider (never less than "…"). */
    public String fit(String text, double size, double maxWidth) {
        if (width(text, size) <= maxWidth) {
            return text;
        }
        int lo = 0;
        int hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (width(text.substring(0, mid).stripTrailing() + "…", size) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return text.substring(0, lo).stripTrailing() + "…";
    }

    /** A data line: drawn, and recorded so that legends keep off it. */
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        canvas.line(x1, y1, x2, y2, color, width);
        mark(x1, y1, x2, y2, width / 2);
    }

    /** A data point: drawn, and recorded. */
    public void circle(double cx, double cy, double r, Rgba color) {
        canvas.fillCircle(cx, cy, r, color);
        mark(cx, cy, cx, cy, r);
    }

    /** A data bar or square: drawn, and recorded. */
    public void rect(double x, double y, double w, double h, Rgba color) {
        canvas.fillRect(x, y, w, h, color);
        markRect(x, y, w, h);
    }

    /** Records a rectangle of data without drawing it (e.g. a ring drawn by the caller). */
    public void markRect(double x, double y, double w, double h) {
        if (w >= h) {
            mark(x + h / 2, y + h / 2, x + w - h / 2, y + h / 2, h / 2);
        } else {
            mark(x + w / 2, y + w / 2, x + w / 2, y + h - w / 2, w / 2);
        }
    }

    /** Records a segment of data without drawing it. */
    public void mark(double x1, double y1, double x2, double y2, double pad) {
        recordMark(new Mark(x1, y1, x2, y2, pad));
    }

    /** Records a box drawn by the caller (a legend's swatch), so that nothing else is placed on it. */
    public void reserve(Box b) {
        record(b);
    }

    private void record(Box b) {
        boxes.add(b);
        if (parent != null) {
            parent.record(b.moved(dx, dy));
        } else if (canvas instanceof Recorder r) {
            r.box(b);
        }
    }

    private void recordMark(Mark m) {
        marks.add(m);
        if (parent != null) {
            parent.recordMark(m.moved(dx, dy));
        } else if (canvas instanceof Recorder r) {
            r.mark(m);
        }
    }

    private LabelLayout root() {
        return parent == null ? this : parent.root();
    }

    private double offsetX() {
        return parent == null ? 0 : dx + parent.offsetX();
    }

    private double offsetY() {
        return parent == null ? 0 : dy + parent.offsetY();
    }
}
