package org.eapexplorer.eval;

/** One circuit in ROC space: its false and true positive rates, and how many graph edges it keeps. */
public record RocPoint(double fpr, double tpr, int keptEdges) {
}
