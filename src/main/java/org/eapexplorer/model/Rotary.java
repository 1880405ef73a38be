package org.eapexplorer.model;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Rotary position embedding of queries and keys (RoFormer; Hugging Face's {@code rotate_half} convention): the first
 * {@code dims} features of every head are rotated, feature i and i + dims/2 as one pair by angle position·ω_i; the rest
 * pass unchanged (GPT-NeoX's {@code rotary_pct} < 1).
 *
 * <p>The frequencies ω_0 … ω_{dims/2−1} (scaling, Llama 3's or linear, already applied) are made when first asked for,
 * not when a config.json is read: dims comes from the config, and the checkpoint's header has to confirm the head size
 * before a table that large is allocated (a hostile hidden_size would otherwise exhaust memory first).
 */
public final class Rotary {

    private final int dims;
    private final Supplier<double[]> make;
    private double[] frequencies;

    /**
     * @param dims rotated features per head, even
     * @param make the dims/2 frequencies, each finite and above 0; called once, on first use
     */
    public Rotary(int dims, Supplier<double[]> make) {
        if (dims <= 0 || dims % 2 != 0) {
            throw new IllegalArgumentException("rotary dimensions must be positive and even, got " + dims);
        }
        this.dims = dims;
        this.make = make;
    }

    public Rotary(int dims, double[] inverseFrequencies) {
        this(dims, inverseFrequencies::clone);
        inverseFrequencies();
    }

    /** ω_i = θ^(−2i/dims), the unscaled frequencies. */
    public static double[] frequencies(int dims, double theta) {
        double[] f = new double[dims / 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = frequency(i, dims, theta);
        }
        return f;
    }

    /** ω_i = θ^(−2i/dims), as {@link #frequencies} computes each. */
    public static double frequency(int i, int dims, double theta) {
        return 1.0 / Math.pow(theta, 2.0 * i / dims);
    }

    public int dims() {
        return dims;
    }

    /** ω_0 … ω_{dims/2−1}, made on the first call. */
    public double[] inverseFrequencies() {
        synchronized (this) {
            if (frequencies == null) {
                double[] f = make.get();
                if (f.length != dims / 2) {
                    throw new IllegalArgumentException(dims + " rotary dimensions need " + dims / 2 + " frequencies, got " + f.length);
                }
                for (double w : f) {
                    if (!(w > 0 && Double.isFinite(w))) {
                        // The config's reader refuses the settings that would give these; reaching here is a bug.
                        throw new IllegalStateException("rotary frequency " + w + " among " + Arrays.toString(f));
                    }
                }
                frequencies = f;
            }
            return frequencies.clone();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rotary r && r.dims == dims && Arrays.equals(r.inverseFrequencies(), inverseFrequencies());
    }

    @Override
    public int hashCode() {
        return 31 * dims + Arrays.hashCode(inverseFrequencies());
    }

    /** With the frequencies, made if they were not yet (as equals and hashCode do: a key built from any of them sees them). */
    @Override
    public String toString() {
        return "Rotary[dims=" + dims + ", ω=" + Arrays.toString(inverseFrequencies()) + "]";
    }
}
