package org.eapexplorer.ui.patching;

/**
 * One edge's exact patching effect along the λ-interpolation (EAP paper, Figures 4b and 9): effect[i] =
 * L(v_clean + λ_i·Δu) − L(clean). EAP's linear estimate is the tangent at λ = 0, slope {@code eapScore}.
 */
public record LambdaCurve(int edge, String name, double eapScore, double[] lambdas, double[] effects) {

    public LambdaCurve {
        if (lambdas.length != effects.length || lambdas.length < 2) {
            throw new IllegalArgumentException("a curve needs as many effects as λ values, at least two");
        }
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
}
