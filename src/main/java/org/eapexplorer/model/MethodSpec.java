package org.eapexplorer.model;

/**
 * A scoring method with its settings.
 *
 * @param steps the number of gradient runs of EAP-IG's Riemann sum; 1 for the methods without steps
 */
public record MethodSpec(AttributionMethod method, int steps) {

    /** EAP-IG's own default is 30; each step costs a forward and a backward pass, so this program starts at 5. */
    public static final int DEFAULT_IG_STEPS = 5;

    public static final MethodSpec EAP = new MethodSpec(AttributionMethod.EAP, 1);

    public MethodSpec {
        if (method == null) {
            throw new IllegalArgumentException("no method");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--ig-steps must be at least 1, got " + steps);
        }
        if (!method.usesSteps() && steps != 1) {
            throw new IllegalArgumentException("--ig-steps applies to eap-ig-inputs only, not to " + method.cliName());
        }
    }

    /** The method with its default settings. */
    public static MethodSpec of(AttributionMethod method) {
        return new MethodSpec(method, method.usesSteps() ? DEFAULT_IG_STEPS : 1);
    }

    /** The backward passes the method takes per batch (EAP's one, EAP-IG's N, clean-corrupted's two). */
    public int gradientRuns() {
        return switch (method) {
            case EAP -> 1;
            case EAP_IG_INPUTS -> steps;
            case CLEAN_CORRUPTED -> 2;
        };
    }

    /** E.g. "EAP-IG (inputs), 5 steps". */
    public String describe() {
        return method.usesSteps() ? method.label() + ", " + steps + " steps" : method.label();
    }
}
