package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.function.Function;

/**
 * A gradient pass that holds one layer's autograd graph at a time. A pass over weights converted to the compute dtype
 * (a BF16 checkpoint computed in float32) cannot keep the whole model's graph: autograd keeps each matrix product's
 * weight for the backward pass, which would make the float32 copy of the whole model this program promises not to make.
 * So the forward pass runs without a graph, recording each layer's input, and the backward pass goes down the layers:
 * each is run again from its recorded input with its gradient leaves, and its backward pass takes the gradient
 * arriving at its output to the leaves and to its input. The leaves' gradients are exactly those of one pass through the
 * whole model; the cost is one more forward pass.
 */
final class LayerwiseGradients {

    private LayerwiseGradients() {
    }

    /**
     * Runs {@code batch} forward (recording what {@code options} asks) and L = loss(logits) back, leaving ∂L at the leaves'
     * places in the run's {@code qkvGrad}, {@code mlpGrad} and {@code logitsGrad}.
     *
     * @param loss the scalar L of the logits [B, V]
     */
    static ForwardRun run(NDManager m, TransformerForward forward, TransformerWeights weights, int layers, TokenBatch batch,
                          ForwardOptions options, Function<NDArray, NDArray> loss) {
        ForwardOptions recording = new ForwardOptions(true, false, false, options.receiverDeltas(), options.recordPatterns(), null,
                options.embedding());
        ForwardRun run = forward.run(m, batch, recording);
        ForwardOptions leaves = new ForwardOptions(false, true, false, java.util.Map.of(), false, null, null);
        // The top, in three steps so that the unembedding, converted a piece at a time, is never kept for a backward pass:
        // ∂L/∂logits through the metric alone; times the unembedding, piece by piece; then back through the final norm.
        NDArray normedGrad;
        try (NDScope scope = new NDScope()) {
            NDArray logits = weights.logits(forward.finalNorm(forward.lastToken(m, batch, run.residFinal)));   // [B, V], no graph
            logits.setRequiresGradient(true);
            try (GradientCollector collector = m.getEngine().newGradientCollector()) {
                collector.backward(loss.apply(forward.softcap(logits)));
            }
            normedGrad = weights.unembedBackward(logits.getGradient());                                       // [B, d]
            NDScope.unregister(normedGrad);
        }
        NDArray upstream;   // ∂L/∂(the residual stream after the layer being taken back)
        try (NDScope scope = new NDScope(); GradientCollector collector = m.getEngine().newGradientCollector()) {
            NDArray finalLeaf = m.zeros(run.residFinal.getShape());
            finalLeaf.setRequiresGradient(true);
            NDArray normed = forward.finalNorm(forward.lastToken(m, batch, run.residFinal.add(finalLeaf)));
            collector.backward(normed.mul(normedGrad).sum());
            run.logitsGrad = kept(finalLeaf.getGradient(), m);
            upstream = run.logitsGrad;   // the logits' receiver reads the final residual stream itself
        }
        normedGrad.close();
        Positions positions = forward.positions(m, batch.positions());
        for (int l = layers - 1; l >= 0; l--) {
            try (NDScope scope = new NDScope(); GradientCollector collector = m.getEngine().newGradientCollector()) {
                NDArray inputLeaf = m.zeros(run.residPre[l].getShape());
                inputLeaf.setRequiresGradient(true);
                ForwardRun again = new ForwardRun(layers);
                NDArray out = forward.layer(m, l, false, run.residPre[l].add(inputLeaf), positions, batch.batch(), batch.positions(),
                        again, leaves);
                collector.backward(out.mul(upstream).sum());
                run.qkvGrad[l] = kept(again.qkvLeaf[l].getGradient(), m);
                run.mlpGrad[l] = again.mlpLeaf[l] == null ? null : kept(again.mlpLeaf[l].getGradient(), m);
                NDArray below = kept(inputLeaf.getGradient(), m);
                if (upstream != run.logitsGrad) {
                    upstream.close();
                }
                upstream = below;
            }
        }
        return run;
    }

    /** A copy of {@code gradient} that outlives the scope and the leaf it belongs to, in {@code m}. */
    private static NDArray kept(NDArray gradient, NDManager m) {
        NDArray copy = gradient.duplicate();
        NDScope.unregister(copy);
        copy.attach(m);
        return copy;
    }
}
