package org.eapexplorer.eval;

import java.util.BitSet;

/**
 * The circuit ACDC keeps.
 *
 * @param kept          kept edges (indices of the graph)
 * @param forwardPasses how many forward passes the search made (one per edge tried, each from the tried edge's
 *                      layer on, plus the first full one); not counted: one full pass per layer part to cache
 *                      the circuit up to where the trials start
 * @param finalScore    the score (KL or negated metric) of the kept circuit
 * @param removalEffects per edge, how much removing it raised the score when it was tried (NaN: never tried)
 */
public record AcdcResult(BitSet kept, AcdcScore score, double tau, int forwardPasses, double finalScore, float[] removalEffects) {
}
