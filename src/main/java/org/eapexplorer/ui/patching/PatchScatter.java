package org.eapexplorer.ui.patching;

import org.eapexplorer.stats.Correlation;

/**
 * EAP score against the exact patching effect at λ = 1 for a set of edges, with their correlations.
 * Plain arrays, indexed alike.
 */
public record PatchScatter(int[] edges, double[] eap, double[] patched, double pearson, double spearman) {

    public static PatchScatter of(int[] edges, double[] eap, double[] patched) {
        boolean enough = edges.length >= 2;
        return new PatchScatter(edges, eap, patched, enough ? Correlation.pearson(eap, patched) : Double.NaN,
                enough ? Correlation.spearman(eap, patched) : Double.NaN);
    }

    public int size() {
        return edges.length;
    }
}
