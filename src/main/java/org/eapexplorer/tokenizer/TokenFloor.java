package org.eapexplorer.tokenizer;

/**
 * The fewest tokens a text can encode to, counted without tokenising it, so that a prompt that cannot fit a model's
 * context is refused before a multi-megabyte line is tokenised whole. Exact as a lower bound for the tokenizers this
 * program reads: with GPT-2's byte-level BPE every character lies in some token, and no token's text is longer than
 * the longest in the vocabulary; with a whitespace pre-tokenizer (our word-level models) every word is at least one
 * token. Anything else (a normalizer, another pre-tokenizer) gets the trivial bound.
 *
 * @param maxTokenChars the longest text of any token (UTF-16 units), for byte-level BPE; 0 otherwise
 * @param countWords    whether whitespace-separated words are each at least one token
 */
record TokenFloor(int maxTokenChars, boolean countWords) {

    static final TokenFloor TRIVIAL = new TokenFloor(0, false);

    long of(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (maxTokenChars > 0) {
            return (text.length() + maxTokenChars - 1) / maxTokenChars;
        }
        if (countWords) {
            long words = 0;
            boolean inWord = false;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85;
                if (!space && !inWord) {
                    words++;
                }
                inWord = !space;
                i += Character.charCount(cp);
            }
            return words;
        }
        return 1;
    }
}
