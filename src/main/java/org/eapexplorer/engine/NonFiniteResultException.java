package org.eapexplorer.engine;

/**
 * A computation gave NaN or ±∞ (an overflow in float32, a rotary base that makes no frequencies, …). Such a number is
 * never a result: a NaN score reads as "not computed" in score files and sessions, and a NaN metric compares false
 * with everything, so every method refuses it where it is made, naming what came out non-finite and how much of it.
 */
public final class NonFiniteResultException extends ArithmeticException {

    public NonFiniteResultException(String message) {
        super(message);
    }
}
