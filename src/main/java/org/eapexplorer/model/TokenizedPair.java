package org.eapexplorer.model;

/**
 * A prompt pair after tokenisation: clean and corrupted have the same length, answers and distractors
 * are single token ids.
 */
public record TokenizedPair(int[] clean, int[] corrupted, int[] answers, int[] distractors) {

    public TokenizedPair {
        if (clean.length != corrupted.length) {
            throw new IllegalArgumentException("clean has " + clean.length + " tokens, corrupted " + corrupted.length);
        }
        if (clean.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
    }

    public int length() {
        return clean.length;
    }
}
