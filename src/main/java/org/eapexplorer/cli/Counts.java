package org.eapexplorer.cli;

/**
 * The checks on options that count something (pairs, runs, points, edges): made before anything is loaded, each
 * refusal one line naming the option.
 */
final class Counts {

    private Counts() {
    }

    /** @throws IllegalArgumentException unless {@code value} (when given) is at least 1 */
    static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new IllegalArgumentException(option + " must be positive, got " + value);
        }
    }

    /** @throws IllegalArgumentException when {@code value} is negative */
    static void notNegative(String option, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(option + " must be 0 or more, got " + value);
        }
    }

    /** @throws IllegalArgumentException unless {@code min ≤ value ≤ max} */
    static void between(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", got " + value);
        }
    }
}
