package org.eapexplorer.family;

import java.io.IOException;
import java.util.List;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;

/**
 * One family of checkpoints: what its config.json means, and how its tensors map onto the engine's block
 * ({@link BlockTensors}). The forward pass, the EAP kernel, the patcher and the circuit runner see only the result.
 */
public interface ModelFamily {

    /** The architectures this reader reads (Llama's reader also reads Qwen2's). */
    List<Family> families();

    /**
     * The model's sizes and block design, refusing what the engine cannot honour, naming the key.
     *
     * @param family which of {@link #families()} config.json names
     */
    ModelConfig config(Family family, ConfigJson json) throws ModelFormatException;

    /** What the family does with each key of its transformers configuration class ({@code family}: Llama's or Qwen2's). */
    ConfigKeys keys(Family family);

    /**
     * Refuses a checkpoint whose header contradicts config.json, naming the key and the tensor: the tensors that show each
     * declared size ({@link DeclaredShape}), checked before any tensor is read, and anything else the config says of the
     * tensors (Llama's attention_bias).
     */
    void checkAgainst(ModelConfig c, ConfigJson json, TensorSource in) throws ModelFormatException;

    /** Whether the unembedding is the token embedding itself ({@code tie_word_embeddings} and the family's default). */
    boolean tiedEmbeddings(ConfigJson json) throws ModelFormatException;

    /**
     * Reads every tensor the model needs from {@code in} and hands it to {@code out} under its {@link BlockTensors} name,
     * one at a time (a large model's tensors are never all in Java memory at once).
     */
    void readWeights(ModelConfig c, boolean tied, TensorSource in, BlockTensors.Sink out) throws IOException;

    /** Tensors a checkpoint may carry that are not weights (attention masks, rotary tables): left unread, not refused. */
    boolean isBuffer(String tensorName);
}
