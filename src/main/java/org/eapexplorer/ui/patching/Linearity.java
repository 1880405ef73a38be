package org.eapexplorer.ui.patching;

import java.util.Locale;

/**
 * How linear an edge is, for the details panel: the exact effect of the full patch (λ = 1) against a linear
 * estimate's value there. EAP's estimate at λ = 1 is its score; when the window holds no EAP result on these
 * prompts, the other method's line stands in, named. A ratio far from 1 is what the paper's Figure 4b shows.
 *
 * @param estimate  the linear estimate at λ = 1; NaN when no method's score is known
 * @param estimator who made it ("EAP", or the other method's description); null with no estimate
 */
public record Linearity(double exact, double estimate, String estimator) {

    /** EAP's tangent where known, else the other method's line. */
    public static Linearity of(LambdaCurve curve) {
        double last = curve.lambdas()[curve.lambdas().length - 1];
        if (curve.hasEapScore()) {
            return new Linearity(curve.effectAtOne(), curve.eapScore() * last, "EAP");
        }
        if (curve.estimate() != null) {
            return new Linearity(curve.effectAtOne(), curve.estimate().at(last), curve.estimate().method().describe());
        }
        return new Linearity(curve.effectAtOne(), Double.NaN, null);
    }

    /** exact / estimate; NaN without an estimate or when it is 0. */
    public double ratio() {
        return estimate == 0 ? Double.NaN : exact / estimate;
    }

    /** "exact −12.47 at λ = 1 · 6.2× EAP's estimate". */
    public String describe() {
        String head = "exact " + PlotFrame.format(exact) + " at λ = 1";
        if (estimator == null) {
            return head + " · no method's score known";
        }
        String whose = "EAP".equals(estimator) ? "EAP's estimate" : estimator + "'s estimate (no EAP run on these prompts)";
        if (estimate == 0) {
            return head + " · " + whose + " is 0";
        }
        return head + " · " + ratioText(ratio()) + "× " + whose;
    }

    static String ratioText(double r) {
        double a = Math.abs(r);
        String text = String.format(Locale.ROOT, a >= 10 ? "%.0f" : a >= 1 ? "%.1f" : "%.2f", r);
        return text.replace('-', '−');
    }
}
