package org.eapexplorer.engine;

import org.eapexplorer.model.EdgeScores;

/**
 * The checks every method makes before a number leaves it as a result ({@link NonFiniteResultException}): the
 * metric of each prompt pair of each run, each patching effect, each edge score. Weights are checked at load; these
 * catch what finite weights can still make (an overflow in float32, a rotary base that gives no frequencies).
 */
public final class FiniteResults {

    /** Said after every refusal: what a non-finite run usually means, and that nothing was kept of it. */
    private static final String CAUSE = "the model's numbers overflow float32 or are undefined on these prompts "
            + "(weights too large, or a config value such as rope_theta out of range); no result was kept";

    private FiniteResults() {
    }

    /**
     * Refuses per-pair values of which any is NaN or infinite.
     *
     * @param what       what the values are, as a sentence's subject: {@code the clean run's logit_diff}
     * @param firstPair  the 0-based number of the pair {@code values[0]} belongs to, in the whole prompt set
     * @param totalPairs pairs in the whole prompt set
     */
    public static void requirePerPair(String what, double[] values, int firstPair, int totalPairs) {
        int count = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                count++;
                first = first < 0 ? i : first;
            }
        }
        if (count == 0) {
            return;
        }
        String of = values.length == totalPairs ? totalPairs + " prompt pairs"
                : "prompt pairs " + (firstPair + 1) + "–" + (firstPair + values.length) + " of " + totalPairs;
        throw new NonFiniteResultException(what + " is " + values[first] + " for " + count + " of " + of
                + " (the first, pair " + (firstPair + first + 1) + "): " + CAUSE);
    }

    static void requirePerPair(String what, float[] values, int totalPairs) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                double[] wide = new double[values.length];
                for (int i = 0; i < values.length; i++) {
                    wide[i] = values[i];
                }
                requirePerPair(what, wide, 0, totalPairs);
            }
        }
    }

    /** Refuses scores of which any is NaN or infinite, naming the first edge. */
    public static void requireScores(EdgeScores scores) {
        float[] s = scores.scores();
        int count = 0;
        int first = -1;
        for (int e = 0; e < s.length; e++) {
            if (!Float.isFinite(s[e])) {
                count++;
                first = first < 0 ? e : first;
            }
        }
        if (count > 0) {
            throw new NonFiniteResultException(count + " of " + s.length + " edge scores are not finite (the first, "
                    + s[first] + ", on edge " + scores.graph().edgeName(first) + "): " + CAUSE);
        }
    }
}
