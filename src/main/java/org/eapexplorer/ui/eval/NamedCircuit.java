package org.eapexplorer.ui.eval;

import java.util.BitSet;

/** A circuit found by a search rather than cut from the scores, with the name the graph and ROC panel show it by. */
public record NamedCircuit(String label, BitSet edges) {

    public NamedCircuit {
        edges = (BitSet) edges.clone();
    }

    @Override
    public BitSet edges() {
        return (BitSet) edges.clone();
    }

    /** As the chooser lists it: {@code ACDC (KL) τ 0.01: 29 edges}. */
    @Override
    public String toString() {
        int n = edges.cardinality();
        return label + ": " + n + (n == 1 ? " edge" : " edges");
    }
}
