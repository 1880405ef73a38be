package org.eapexplorer.io;

import java.util.Map;
import org.eapexplorer.model.EdgeScores;

/**
 * The contents of a score JSON file.
 *
 * @param model           the model directory (or name) the scores were computed on
 * @param prompts         the prompt file
 * @param metric          the metric's JSON name (logit_diff, prob_diff)
 * @param device          where it ran, e.g. "CPU (2 threads)"
 * @param timingMillis    named timings, e.g. load and eap
 */
public record ScoreFile(String model, String prompts, String metric, int pairs, String device, double metricClean,
                        double metricCorrupted, Map<String, Double> timingMillis, EdgeScores scores) {
}
