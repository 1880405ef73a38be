package org.eapexplorer.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.model.GraphIndex;

/**
 * ACDC at several thresholds τ with one score (KL or the task metric): the family of circuits whose ROC the
 * paper's Figure 2 draws beside EAP's. One {@link CircuitRunner} serves every τ, so the clean and corrupted
 * runs are made once.
 */
public record AcdcSweep(GraphIndex graph, AcdcScore score, double[] taus, List<AcdcResult> results) {

    /** Half-decade steps from 10⁻⁴ to 10^0.5: wide enough for KL and for a logit difference alike. */
    public static final double[] DEFAULT_TAUS = {1e-4, 3.16e-4, 1e-3, 3.16e-3, 1e-2, 3.16e-2, 0.1, 0.316, 1, 3.16};

    public AcdcSweep {
        if (taus.length != results.size()) {
            throw new IllegalArgumentException(taus.length + " thresholds but " + results.size() + " results");
        }
        taus = taus.clone();
        results = List.copyOf(results);
    }

    /**
     * @param start the edges every run begins with (null: the whole graph)
     */
    public static AcdcSweep run(CircuitRunner runner, GraphIndex g, AcdcScore score, double[] taus, BitSet start,
                                ProgressListener progress, CancellationToken cancel) {
        if (taus.length == 0) {
            throw new IllegalArgumentException("ACDC needs at least one threshold τ");
        }
        List<AcdcResult> results = new ArrayList<>();
        int passes = 0;
        for (int i = 0; i < taus.length; i++) {
            cancel.throwIfCancelled();
            int done = i;
            double tau = taus[i];
            ProgressListener within = (current, total, message) -> progress.progress((long) done * total + current,
                    (long) taus.length * total, String.format("τ=%s (%d of %d): %s", plain(tau), done + 1, taus.length, message));
            AcdcResult r = Acdc.run(runner, g, score, tau, start, within, cancel);
            passes += r.forwardPasses();
            results.add(r);
        }
        progress.progress(1, 1, String.format("ACDC (%s) at %d thresholds: %d forward passes", score, taus.length, passes));
        return new AcdcSweep(g, score, taus, results);
    }

    /**
     * τ as people write it: 0.0001, 0.316, 3 (never 0.00100000). The one τ formatter: the window's labels and
     * fields and the command line's output all print τ through it.
     */
    public static String plain(double tau) {
        if (!Double.isFinite(tau)) {
            return Double.toString(tau);  // −∞ keeps every edge (a hybrid cell that is EAP alone)
        }
        return tau == 0 ? "0" : new java.math.BigDecimal(tau).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Thresholds parsed from "1e-3, 0.01 0.1": commas or spaces between positive numbers, sorted. */
    public static double[] parseTaus(String text) {
        if (text.isBlank()) {
            throw new IllegalArgumentException("give at least one τ");
        }
        String[] parts = text.trim().split("[,\\s]+");
        double[] taus = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                taus[i] = Double.parseDouble(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("τ must be numbers separated by commas; \"" + parts[i] + "\" is not a number");
            }
            if (!(taus[i] >= 0) || Double.isInfinite(taus[i])) {
                throw new IllegalArgumentException("τ must be finite and ≥ 0, got " + parts[i]);
            }
        }
        Arrays.sort(taus);
        return taus;
    }

    public List<BitSet> circuits() {
        return results.stream().map(AcdcResult::kept).toList();
    }

    public int forwardPasses() {
        return results.stream().mapToInt(AcdcResult::forwardPasses).sum();
    }

    /** The ROC of the circuits against a truth, one point per τ (see {@link EdgeRoc#circuits}). */
    public RocCurve roc(TruthEdges truth, RocConvention convention) {
        return EdgeRoc.circuits(graph, circuits(), taus, truth.edges(), truth.directReceivers(), convention);
    }
}
