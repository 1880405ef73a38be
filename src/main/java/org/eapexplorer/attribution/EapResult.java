package org.eapexplorer.attribution;

import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MethodSpec;

/**
 * Scores of a whole prompt set, with the metric on both runs and where the time went.
 *
 * @param metricClean      mean metric over the clean prompts (L)
 * @param metricCorrupted  mean metric over the corrupted prompts
 * @param forwardMillis    both forward passes, summed over batches
 * @param backwardMillis   the backward pass, summed over batches
 * @param scoringMillis    the score products, summed over batches
 * @param totalMillis      wall clock of the whole computation (tokens to scores), excluding model loading
 * @param method           the method and its settings
 */
public record EapResult(EdgeScores scores, double metricClean, double metricCorrupted, int pairs, int batches,
                        double forwardMillis, double backwardMillis, double scoringMillis, double totalMillis,
                        MethodSpec method) {
}
