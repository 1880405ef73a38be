package org.eapexplorer.ui;

import javafx.geometry.Orientation;
import javafx.scene.control.SplitPane;
import javafx.scene.layout.Region;

/**
 * The graph over the chart tabs, split where the user drags it. Keeps the share the user chose apart from
 * "Large charts"' temporary one, so that turning Large charts off, and the window's remembered split, return to it.
 */
final class GraphChartSplit extends SplitPane {

    /**
     * Share of the height the graph takes above the chart tabs: at 1280 × 800 it leaves the charts about 370 px, so
     * that every tab's plot is readable beside a graph of about 300 px; "Large charts" gives the charts most of it.
     */
    static final double GRAPH_SHARE = 0.5;
    static final double GRAPH_SHARE_LARGE_CHARTS = 0.3;
    static final double CHARTS_MIN_HEIGHT = 330;
    static final double GRAPH_MIN_HEIGHT = 140;

    /** The split the user chose (dragged, or remembered from the last run). */
    private double graphShare = GRAPH_SHARE;
    private boolean largeCharts;

    GraphChartSplit(Region graphPane, Region charts) {
        super(graphPane, charts);
        // Tall enough for a plot of about 160 px under the tabs and the views' tool bars (ROC has two rows).
        charts.setMinHeight(CHARTS_MIN_HEIGHT);
        graphPane.setMinHeight(GRAPH_MIN_HEIGHT);
        setOrientation(Orientation.VERTICAL);
        setDividerPositions(GRAPH_SHARE);
        SplitPane.setResizableWithParent(charts, false);
    }

    /** Puts back a remembered split. */
    void restore(double share) {
        graphShare = share;
        setDividerPositions(share);
    }

    /** The split the user chose, not Large charts' temporary one. */
    double userGraphShare() {
        return largeCharts ? graphShare : getDividerPositions()[0];
    }

    void setLargeCharts(boolean large) {
        if (large && !largeCharts) {
            graphShare = getDividerPositions()[0];
        }
        largeCharts = large;
        setDividerPositions(large ? GRAPH_SHARE_LARGE_CHARTS : graphShare);
    }
}
