package org.eapexplorer.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationTest {

    @Test
    void exactLinearAndMonotoneRelations() {
        double[] x = {1, 2, 3, 4, 5};
        assertEquals(1.0, Correlation.pearson(x, new double[] {3, 5, 7, 9, 11}), 1e-15);
        assertEquals(-1.0, Correlation.pearson(x, new double[] {5, 4, 3, 2, 1}), 1e-15);
        double[] cubic = {1, 8, 27, 64, 125};
        assertEquals(1.0, Correlation.spearman(x, cubic), 1e-15, "monotone: rank correlation 1");
        assertTrue(Correlation.pearson(x, cubic) < 1);
    }

    @Test
    void knownValueAndTies() {
        // Hand-computed: x = 1..4, y = 2, 1, 4, 3 -> cov 0.8·(…) gives r = 0.6.
        assertEquals(0.6, Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 1, 4, 3}), 1e-15);
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Correlation.ranks(new double[] {1, 5, 5, 9}), 0);
    }

    @Test
    void nanPairsAreSkippedAndDegenerateInputsAreNaN() {
        assertEquals(1.0, Correlation.pearson(new double[] {1, Double.NaN, 2, 3}, new double[] {2, 7, 4, 6}), 1e-15);
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1}, new double[] {2})));
    }
}
