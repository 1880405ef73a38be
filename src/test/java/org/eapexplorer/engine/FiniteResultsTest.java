package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.junit.jupiter.api.Test;

/** What a non-finite result is refused with: the edge or pair, how many, and the value. */
class FiniteResultsTest {

    @Test
    void scoresWithAnInfinityAreRefusedNamingTheFirstEdgeAndTheCount() {
        GraphIndex g = GraphIndex.of(2, 2, false);
        float[] s = new float[g.edgeCount()];
        s[5] = Float.POSITIVE_INFINITY;
        s[9] = Float.NaN;
        NonFiniteResultException e = assertThrows(NonFiniteResultException.class, () -> FiniteResults.requireScores(new EdgeScores(g, s)));
        assertTrue(e.getMessage().startsWith("2 of " + g.edgeCount() + " edge scores are not finite (the first, Infinity, on edge "
                + g.edgeName(5) + ")"), e.getMessage());
        s[5] = 0;
        s[9] = -3e38f;
        assertDoesNotThrow(() -> FiniteResults.requireScores(new EdgeScores(g, s)));
    }

    @Test
    void perPairValuesNameTheFirstPairInTheWholeSet() {
        NonFiniteResultException e = assertThrows(NonFiniteResultException.class,
                () -> FiniteResults.requirePerPair("the clean run's logit_diff", new double[] {1, Double.NEGATIVE_INFINITY}, 20, 23));
        assertTrue(e.getMessage().startsWith("the clean run's logit_diff is -Infinity for 1 of prompt pairs 21–22 of 23 (the first, pair 22)"),
                e.getMessage());
    }
}
