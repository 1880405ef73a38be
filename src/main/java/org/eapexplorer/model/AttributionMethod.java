package org.eapexplorer.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the gradient in score(u→v) = Δu · ∂L/∂v is taken, named as EAP-IG's {@code attribute(method=…)} names it. Every
 * method dots the same Δu = u_corrupted − u_clean (from the ordinary clean and corrupted runs) with a gradient at v;
 * they differ only in which runs that gradient is averaged over.
 */
public enum AttributionMethod {
    /** The clean run's gradient (Syed, Rager, Conmy 2023): two forward passes, one backward pass. */
    EAP("eap", "EAP"),
    /**
     * The clean tokens run N times with the input embedding replaced by x_corr + (k/N)(x_clean − x_corr), k = 1..N
     * (a right Riemann sum: k = N is the clean run); the gradient is the mean over the N runs (Hanna et al. 2024).
     */
    EAP_IG_INPUTS("eap-ig-inputs", "EAP-IG (inputs)"),
    /** The mean of the gradients on the clean and on the corrupted run, both with the clean prompt's labels. */
    CLEAN_CORRUPTED("clean-corrupted", "clean-corrupted");

    private final String cliName;
    private final String label;

    AttributionMethod(String cliName, String label) {
        this.cliName = cliName;
        this.label = label;
    }

    /** The name EAP-IG, the CLI, score files and sessions use. */
    public String cliName() {
        return cliName;
    }

    /** How the window names it. */
    public String label() {
        return label;
    }

    public boolean usesSteps() {
        return this == EAP_IG_INPUTS;
    }

    public static AttributionMethod parse(String name) {
        for (AttributionMethod m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        if ("eap-ig-activations".equals(name)) {
            throw new IllegalArgumentException("method eap-ig-activations is not offered: EAP-IG interpolates each layer's outputs "
                    + "in turn, (2·layers + 1)·N forward and backward passes (125 for GPT-2 small at 5 steps); use eap-ig-inputs "
                    + "(expected " + names() + ")");
        }
        throw new IllegalArgumentException("unknown method '" + name + "' (expected " + names() + ")");
    }

    public static String names() {
        return Arrays.stream(values()).map(AttributionMethod::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return label;
    }
}
