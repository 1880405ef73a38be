package org.eapexplorer.eval;

import java.util.BitSet;

/**
 * The circuit ACDC keeps.
 *
 * @param kept          kept edges (indices of the graph)
 * @param forwardPasses how many forward passes the search made (one per edge tried, plus the first)
 * @param finalScore    the score (KL or negated metric) of the kept circuit
 * @param removalEffects per edge, how much removing it raised the score when it was tried (NaN: never tried)
 */
public record AcdcResult(BitSet kept, AcdcScore score, double tau, int forwardPasses, double finalScore, float[] removalEffects) {
}
