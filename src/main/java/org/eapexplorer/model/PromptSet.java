package org.eapexplorer.model;

import java.util.List;

/**
 * The prompt pairs of one file, all scored with one metric.
 *
 * @param source      where the pairs came from (a file name), for messages and score files
 * @param lineNumbers the 1-based line of each pair in its file, for error messages
 */
public record PromptSet(String source, List<PromptPair> pairs, List<Integer> lineNumbers, MetricKind metric) {

    public PromptSet {
        pairs = List.copyOf(pairs);
        lineNumbers = List.copyOf(lineNumbers);
        if (pairs.size() != lineNumbers.size()) {
            throw new IllegalArgumentException(pairs.size() + " pairs but " + lineNumbers.size() + " line numbers");
        }
        for (PromptPair pair : pairs) {
            if (pair.metric() != metric) {
                throw new IllegalArgumentException("all pairs of a set share one metric: " + metric + " and " + pair.metric());
            }
        }
    }

    public int size() {
        return pairs.size();
    }
}
