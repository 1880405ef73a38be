package org.eapexplorer.circuit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;

/**
 * Counts the stroked paths of a PDF page that contain a curve, and their stroke colours: in a graph figure, one per
 * kept edge (nodes are rectangles, ports filled circles, legend samples straight lines).
 */
public final class PdfStrokes extends PDFGraphicsStreamEngine {
    public int curves;
    public final List<float[]> colours = new ArrayList<>();
    private boolean pathHasCurve;

    public PdfStrokes(PDPage page) {
        super(page);
    }

    @Override public void appendRectangle(java.awt.geom.Point2D p0, java.awt.geom.Point2D p1, java.awt.geom.Point2D p2,
                                          java.awt.geom.Point2D p3) { }
    @Override public void drawImage(PDImage pdImage) { }
    @Override public void clip(int windingRule) { }
    @Override public void moveTo(float x, float y) { }
    @Override public void lineTo(float x, float y) { }
    @Override public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
        pathHasCurve = true;
    }
    @Override public java.awt.geom.Point2D getCurrentPoint() {
        return new java.awt.geom.Point2D.Float();
    }
    @Override public void closePath() { }
    @Override public void endPath() {
        pathHasCurve = false;
    }
    @Override public void strokePath() throws IOException {
        if (pathHasCurve) {
            curves++;
            colours.add(getGraphicsState().getStrokingColor().getComponents());
        }
        pathHasCurve = false;
    }
    @Override public void fillPath(int windingRule) {
        pathHasCurve = false;
    }
    @Override public void fillAndStrokePath(int windingRule) {
        pathHasCurve = false;
    }
    @Override public void shadingFill(COSName shadingName) { }
}
