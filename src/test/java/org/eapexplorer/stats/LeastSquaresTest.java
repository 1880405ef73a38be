package org.eapexplorer.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LeastSquaresTest {

    /**
     * By hand: x̄ = 2.5, ȳ = 3.5, Sxy = 4, Sxx = 5, Syy = 5, so slope 0.8, intercept 3.5 − 0.8·2.5 = 1.5;
     * residuals 2 − 2.3, 3 − 3.1, 5 − 3.9, 4 − 4.7 give SS_res = 0.09 + 0.01 + 1.21 + 0.49 = 1.8, R² = 1 − 1.8/5 = 0.64.
     */
    @Test
    void aHandWorkedExample() {
        LeastSquares f = LeastSquares.fit(new double[] {1, 2, 3, 4}, new double[] {2, 3, 5, 4});
        assertEquals(0.8, f.slope(), 1e-15);
        assertEquals(1.5, f.intercept(), 1e-15);
        assertEquals(0.64, f.rSquared(), 1e-15);
        assertEquals(4, f.n());
        assertEquals("y = 0.800x + 1.500, R² = 0.64", f.equation());
        double r = Correlation.pearson(new double[] {1, 2, 3, 4}, new double[] {2, 3, 5, 4});
        assertEquals(r * r, f.rSquared(), 1e-15, "with an intercept, R² is Pearson's r²");
    }

    @Test
    void pointsOnALineGiveItsSlopeAndInterceptExactlyAndRSquaredOne() {
        double[] x = {-3, -1, 0, 0.5, 2, 7, 11, -0.5};  // eight values summing to 16: the mean is exact too
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = -0.375 * x[i] + 2.25;  // dyadic numbers: every step of the fit is exact in binary
        }
        LeastSquares f = LeastSquares.fit(x, y);
        assertEquals(-0.375, f.slope(), 0.0);
        assertEquals(2.25, f.intercept(), 0.0);
        assertEquals(1.0, f.rSquared(), 0.0);
        assertEquals("y = −0.375x + 2.250, R² = 1.00", f.equation());
    }

    @Test
    void nanPairsAreLeftOutAndTooFewPointsGiveNoLine() {
        LeastSquares f = LeastSquares.fit(new double[] {1, Double.NaN, 2, 3, 4}, new double[] {2, 9, 3, Double.NaN, 4});
        assertEquals(3, f.n());
        // (1, 2), (2, 3), (4, 4): x̄ = 7/3, ȳ = 3, Sxy = 3, Sxx = 14/3, slope 9/14.
        assertEquals(9.0 / 14, f.slope(), 1e-15);
        assertFalse(LeastSquares.fit(new double[] {1}, new double[] {1}).defined());
        assertFalse(LeastSquares.fit(new double[] {2, 2, 2}, new double[] {1, 2, 3}).defined());
        assertTrue(LeastSquares.fit(new double[] {1, 2}, new double[] {5, 5}).defined());
    }

    @Test
    void tinyAndNegativeCoefficientsStayReadable() {
        LeastSquares f = new LeastSquares(2.5e-5, -0.0125, 0.271, 10);
        assertEquals("y = 2.50e-05x − 0.013, R² = 0.27", f.equation());
    }
}
