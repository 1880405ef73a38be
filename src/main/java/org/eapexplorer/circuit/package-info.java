/**
 * A circuit at a threshold and everything needed to look at it, without JavaFX.
 *
 * <p>Flow: {@link org.eapexplorer.circuit.ScoreRanking} sorts the dense scores once by |score|, so a threshold
 * or top-k change is a binary search; {@link org.eapexplorer.circuit.Circuit} is the kept edge set (optionally
 * pruned to edges on an input→logits path, as EAP-IG's {@code Graph.prune} does);
 * {@link org.eapexplorer.circuit.GraphLayout} places every node of the model at fixed coordinates, so two
 * circuits of one model line up; {@link org.eapexplorer.circuit.CircuitPainter} draws through the tiny
 * {@link org.eapexplorer.circuit.GraphCanvas} interface, which SVG, PNG and the window's JavaFX canvas implement;
 * {@link org.eapexplorer.circuit.CircuitExport} writes figures, EAP-IG JSON, DOT and CSV.
 *
 * <p>Node numbering used throughout: a node index is the node's {@link org.eapexplorer.model.GraphIndex}
 * upstream index, and {@code logits} (which is no upstream node) is index {@code upstreamCount}.
 */
package org.eapexplorer.circuit;
