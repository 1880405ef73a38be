package org.eapexplorer.ui.patching;

import org.eapexplorer.model.MethodSpec;

/**
 * A second method's linear estimate of an edge's λ-curve: the line from the clean point (λ = 0, effect 0) whose slope
 * is that method's score of the edge. For EAP-IG the score is the gradient averaged over its interpolation steps, so
 * the slope is the average slope the method used, where EAP's is the tangent at the clean end.
 */
public record MethodEstimate(MethodSpec method, double slope) {

    public MethodEstimate {
        if (method == null) {
            throw new IllegalArgumentException("no method");
        }
    }

    /** The estimate's effect at {@code lambda}. */
    public double at(double lambda) {
        return slope * lambda;
    }
}
