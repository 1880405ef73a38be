/**
 * The safetensors file format, on its own so that every model family reads its weights the same way: the JSON
 * header checked before any byte is trusted, a memory-mapped reader, a model directory's checkpoint (one file or the shards an index lists), a writer for the models the program makes
 * itself, and the F16/BF16 conversions Java 17 lacks. Knows nothing of models or of DJL.
 */
package org.eapexplorer.safetensors;
