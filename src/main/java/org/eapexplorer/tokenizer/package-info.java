/**
 * Tokenizer files as Hugging Face writes them ({@code tokenizer.json}, or GPT-2's {@code vocab.json} +
 * {@code merges.txt}), checked and handed to DJL's binding of the Hugging Face tokenizers library; GPT-2's byte-level
 * alphabet; and the word-level tokenizers of the program's own small models.
 */
package org.eapexplorer.tokenizer;
