package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * What one forward pass keeps and changes besides computing the logits.
 *
 * @param recordNodes    keep the upstream node outputs (embedding, per-head z, MLP outputs) and LayerNorm-1 statistics
 * @param gradientLeaves add zero leaves at every receiver so one backward pass yields ∂L/∂(receiver input)
 * @param allPositions   logits at every position ([B, P, V]) instead of at each prompt's last token ([B, V])
 * @param receiverDeltas receiver index → [B, P, d] added to that receiver's own copy of the residual stream
 *                       (an intervention on one downstream input only, as edge patching needs)
 * @param recordPatterns keep every layer's attention pattern ([B, H, P, P]; off by default, as it grows with P²)
 * @param circuit        when not null, every receiver reads the corrupted run's output of the upstream nodes whose
 *                       edge into it is not in the circuit (faithfulness, ACDC)
 * @param embedding      when not null, [B, P, d] that replaces the {@code input} node's output (EAP-IG's interpolated
 *                       inputs); the tokens still give the positions and the last real token
 */
record ForwardOptions(boolean recordNodes, boolean gradientLeaves, boolean allPositions, Map<Integer, NDArray> receiverDeltas,
                      boolean recordPatterns, CircuitInputs circuit, NDArray embedding) {

    static final ForwardOptions LOGITS_ONLY = new ForwardOptions(false, false, false, Map.of(), false, null, null);
    static final ForwardOptions RECORD = new ForwardOptions(true, false, false, Map.of(), false, null, null);
    static final ForwardOptions RECORD_WITH_GRADIENTS = new ForwardOptions(true, true, false, Map.of(), false, null, null);

    ForwardOptions withAllPositions() {
        return new ForwardOptions(recordNodes, gradientLeaves, true, receiverDeltas, recordPatterns, circuit, embedding);
    }

    ForwardOptions recording() {
        return new ForwardOptions(true, gradientLeaves, allPositions, receiverDeltas, recordPatterns, circuit, embedding);
    }

    ForwardOptions withPatterns() {
        return new ForwardOptions(recordNodes, gradientLeaves, allPositions, receiverDeltas, true, circuit, embedding);
    }

    static ForwardOptions withCircuit(CircuitInputs circuit) {
        return new ForwardOptions(false, false, false, Map.of(), false, circuit, null);
    }

    static ForwardOptions withDeltas(Map<Integer, NDArray> deltas) {
        return new ForwardOptions(false, false, false, deltas, false, null, null);
    }

    /** This options' pass with the {@code input} node's output replaced by {@code embedding}. */
    ForwardOptions withEmbedding(NDArray embedding) {
        return new ForwardOptions(recordNodes, gradientLeaves, allPositions, receiverDeltas, recordPatterns, circuit, embedding);
    }
}
