package org.eapexplorer.circuit;

import java.util.ArrayList;
import java.util.List;

/** Records every call, for assertions on what the painter drew and in which order. */
final class RecordingCanvas implements GraphCanvas {

    /** One drawing call; group is the innermost open group's kind ("" outside groups). */
    record Op(String op, String group, String title, double[] coords, Rgba color, double width, String text) {
    }

    final List<Op> ops = new ArrayList<>();
    private String group = "";
    private String title = "";

    @Override
    public void line(double x1, double y1, double x2, double y2, Rgba color, double width) {
        ops.add(new Op("line", group, title, new double[] {x1, y1, x2, y2}, color, width, null));
    }

    @Override
    public void cubic(double x1, double y1, double c1x, double c1y, double c2x, double c2y, double x2, double y2, Rgba color, double width) {
        ops.add(new Op("cubic", group, title, new double[] {x1, y1, c1x, c1y, c2x, c2y, x2, y2}, color, width, null));
    }

    @Override
    public void fillRect(double x, double y, double w, double h, Rgba color) {
        ops.add(new Op("fillRect", group, title, new double[] {x, y, w, h}, color, 0, null));
    }

    @Override
    public void strokeRect(double x, double y, double w, double h, Rgba color, double width) {
        ops.add(new Op("strokeRect", group, title, new double[] {x, y, w, h}, color, width, null));
    }

    @Override
    public void fillCircle(double cx, double cy, double r, Rgba color) {
        ops.add(new Op("fillCircle", group, title, new double[] {cx, cy, r}, color, 0, null));
    }

    @Override
    public void text(double x, double y, String text, double size, Anchor anchor, Rgba color) {
        ops.add(new Op("text", group, title, new double[] {x, y, size}, color, 0, text));
    }

    @Override
    public boolean wantsGroups() {
        return true;
    }

    @Override
    public void beginGroup(String kind, String title) {
        this.group = kind;
        this.title = title;
    }

    @Override
    public void endGroup() {
        this.group = "";
        this.title = "";
    }

    List<Op> inGroup(String kind) {
        return ops.stream().filter(o -> o.group().equals(kind)).toList();
    }
}
