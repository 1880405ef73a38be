package org.eapexplorer.ui;

/** How the user sets which edges are kept. */
public enum ThresholdMode {
    /** Keep edges with |score| at least a value. */
    SCORE,
    /** Keep the k edges of largest |score|. */
    TOP_K
}
