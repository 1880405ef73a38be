package org.eapexplorer.ui.patching;

/**
 * One edge's exact patching effect along the λ-interpolation (EAP paper, Figures 4b and 9): effect[i] =
 * L(v_clean + λ_i·Δu) − L(clean). EAP's linear estimate is the tangent at λ = 0, slope {@code eapScore}; another
 * method's (EAP-IG's) is the line of slope {@code estimate.slope()} from the same point.
 *
 * @param eapScore EAP's score of the edge, NaN when the window holds no EAP result for these inputs
 * @param estimate another method's score of the edge, or null when none is known
 * @param pinned   kept in the λ-curves tab however many edges are selected after it
 */
public record LambdaCurve(int edge, String name, double eapScore, double[] lambdas, double[] effects, MethodEstimate estimate,
                          boolean pinned) {

    public LambdaCurve {
        if (lambdas.length != effects.length || lambdas.length < 2) {
            throw new IllegalArgumentException("a curve needs as many effects as λ values, at least two");
        }
    }

    /** An unpinned curve. */
    public LambdaCurve(int edge, String name, double eapScore, double[] lambdas, double[] effects, MethodEstimate estimate) {
        this(edge, name, eapScore, lambdas, effects, estimate, false);
    }

    /** A curve with EAP's tangent only. */
    public LambdaCurve(int edge, String name, double eapScore, double[] lambdas, double[] effects) {
        this(edge, name, eapScore, lambdas, effects, null);
    }

    public LambdaCurve withPinned(boolean pin) {
        return new LambdaCurve(edge, name, eapScore, lambdas, effects, estimate, pin);
    }

    public boolean hasEapScore() {
        return !Double.isNaN(eapScore);
    }

    /** λ = 0, 0.05, …, 1. */
    public static double[] defaultLambdas() {
        double[] l = new double[21];
        for (int i = 0; i < l.length; i++) {
            l[i] = i / 20.0;
        }
        return l;
    }

    /** The exact effect at the last λ (1: the full patch). */
    public double effectAtOne() {
        return effects[effects.length - 1];
    }

    /** Exact minus linear at the last λ: what EAP misses. */
    public double gapAtOne() {
        return effectAtOne() - eapScore * lambdas[lambdas.length - 1];
    }

    /** Exact minus the other method's line at the last λ (NaN without an estimate). */
    public double estimateGapAtOne() {
        return estimate == null ? Double.NaN : effectAtOne() - estimate.at(lambdas[lambdas.length - 1]);
    }
}
