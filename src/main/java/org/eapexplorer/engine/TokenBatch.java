package org.eapexplorer.engine;

import java.util.List;

/**
 * Prompts of different lengths, right-padded into one [batch, positions] block. Right padding needs no
 * attention mask: attention is causal, so a real token never sees the padding after it, and every metric
 * is read at the last real token.
 */
record TokenBatch(int batch, int positions, long[] tokens, int[] lengths) {

    static final int PAD_ID = 0;

    static TokenBatch of(List<int[]> prompts, int maxPositions) {
        int p = 0;
        for (int[] prompt : prompts) {
            p = Math.max(p, prompt.length);
        }
        if (p > maxPositions) {
            throw new IllegalArgumentException("a prompt has " + p + " tokens, more than the model's n_positions=" + maxPositions);
        }
        long[] tokens = new long[prompts.size() * p];
        int[] lengths = new int[prompts.size()];
        for (int b = 0; b < prompts.size(); b++) {
            int[] prompt = prompts.get(b);
            if (prompt.length == 0) {
                throw new IllegalArgumentException("prompt " + b + " of the batch has no tokens");
            }
            lengths[b] = prompt.length;
            for (int t = 0; t < p; t++) {
                tokens[b * p + t] = t < prompt.length ? prompt[t] : PAD_ID;
            }
        }
        return new TokenBatch(prompts.size(), p, tokens, lengths);
    }

    /** The same prompts {@code n} times over, one copy after the other: a batch dimension for n patches. */
    TokenBatch repeat(int n) {
        long[] t = new long[tokens.length * n];
        int[] len = new int[lengths.length * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(tokens, 0, t, i * tokens.length, tokens.length);
            System.arraycopy(lengths, 0, len, i * lengths.length, lengths.length);
        }
        return new TokenBatch(batch * n, positions, t, len);
    }

    /** One-hot rows selecting each prompt's last real position: [batch, positions]. */
    float[] lastPositionSelector() {
        float[] s = new float[batch * positions];
        for (int b = 0; b < batch; b++) {
            s[b * positions + lengths[b] - 1] = 1f;
        }
        return s;
    }
}
