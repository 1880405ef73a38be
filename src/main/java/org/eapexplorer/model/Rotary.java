package org.eapexplorer.model;

import java.util.Arrays;

/**
 * Rotary position embedding of queries and keys (RoFormer; Hugging Face's {@code rotate_half} convention): the first
 * {@code dims} features of every head are rotated, feature i and i + dims/2 as one pair by angle position·ω_i; the rest
 * pass unchanged (GPT-NeoX's {@code rotary_pct} < 1).
 *
 * @param dims                rotated features per head, even
 * @param inverseFrequencies  ω_0 … ω_{dims/2−1}, scaling (Llama 3's, linear) already applied
 */
public record Rotary(int dims, double[] inverseFrequencies) {

    public Rotary {
        if (dims <= 0 || dims % 2 != 0) {
            throw new IllegalArgumentException("rotary dimensions must be positive and even, got " + dims);
        }
        if (inverseFrequencies.length != dims / 2) {
            throw new IllegalArgumentException(dims + " rotary dimensions need " + dims / 2 + " frequencies, got " + inverseFrequencies.length);
        }
        inverseFrequencies = inverseFrequencies.clone();
    }

    /** ω_i = θ^(−2i/dims), the unscaled frequencies. */
    public static double[] frequencies(int dims, double theta) {
        double[] f = new double[dims / 2];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1.0 / Math.pow(theta, 2.0 * i / dims);
        }
        return f;
    }

    @Override
    public double[] inverseFrequencies() {
        return inverseFrequencies.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rotary r && r.dims == dims && Arrays.equals(r.inverseFrequencies, inverseFrequencies);
    }

    @Override
    public int hashCode() {
        return 31 * dims + Arrays.hashCode(inverseFrequencies);
    }

    @Override
    public String toString() {
        return "Rotary[dims=" + dims + ", ω=" + Arrays.toString(inverseFrequencies) + "]";
    }
}
