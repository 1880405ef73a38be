package org.eapexplorer.eval;

/**
 * The two ways circuit-discovery papers count a ROC curve; they give different numbers for the same scores,
 * so every curve says which it used.
 */
public enum RocConvention {
    /**
     * auto-circuit's: negatives are the graph's residual edges (32,491 for GPT-2 small) minus the truth; the
     * area is the trapezoid rule from (0, 0) to (1, 1) through every threshold.
     */
    AUTO_CIRCUIT("auto-circuit: residual edges, trapezoid"),
    /**
     * ACDC's: the universe adds one edge per q/k/v receiver from its own input to the projection (32,923 for
     * GPT-2 small), present when the receiver has any kept incoming edge; only Pareto-optimal points; the
     * "pessimistic" stepwise area Σ (1 − x_i)(y_i − y_{i−1}).
     */
    ACDC("ACDC: + q/k/v input edges, Pareto points, pessimistic area");

    private final String description;

    RocConvention(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
