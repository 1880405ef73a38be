package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.Map;
import org.eapexplorer.model.ModelConfig;

/**
 * The engine's one public door for code that holds a model's parameters itself and differentiates through them (the
 * trainer in {@code training}, which engine must not know): the same forward pass that {@link LanguageModel#load} later
 * runs on the saved file, over NDArrays the caller owns, so autograd reaches them. Everything else of the forward pass
 * (its options, recorded nodes, receiver leaves, token batches) stays inside this package; widen this class, not those.
 */
public final class DifferentiableForward {

    private DifferentiableForward() {
    }

    /**
     * Logits at every position, [B, P, V], of the forward pass over {@code parameters} (Hugging Face GPT-2 names, as
     * in {@code model.safetensors}; the unembedding is tied to {@code wte.weight}), made in {@code m}. {@code tokens}
     * are B sequences of one length P, at most {@code config.nPositions()}. Gradients flow to every parameter that
     * requires one. The arrays derived from the parameters (transposes, folded gains) are attached to the
     * parameters' manager: call this inside an {@link ai.djl.ndarray.NDScope} and close it after use.
     */
    public static NDArray logitsAtAllPositions(NDManager m, ModelConfig config, Map<String, NDArray> parameters, int[][] tokens) {
        TransformerWeights weights = TransformerWeights.ofParameters(config, parameters);
        TransformerForward forward = new TransformerForward(config, config.graph(), weights);
        ForwardRun run = forward.run(m, TokenBatch.of(Arrays.asList(tokens), config.nPositions()),
                ForwardOptions.LOGITS_ONLY.withAllPositions());
        return run.logits;
    }

    /**
     * {@code wrapped} copied into libtorch's own memory, and closed: what a tensor made from a Java array must become
     * before autograd may keep it for the backward pass ({@link OwnedArrays#owned} says why).
     */
    public static NDArray owned(NDArray wrapped) {
        return OwnedArrays.owned(wrapped);
    }
}
