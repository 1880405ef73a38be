package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import org.eapexplorer.model.ModelConfig;

/**
 * What the gradient runs leave for scoring, summed over the runs, everything attached to the batch's manager.
 * The score is linear in ĝ, so the runs' ĝ add up before the big product; the LayerNorm term β·(Δu·x̂) is
 * not (x̂ is each run's own): the clean run's goes through ΔU's normDots as in EAP, every other run keeps its
 * β and x̂ (a few numbers per row) and joins the big product as Y = Σ_runs β⊗x̂, subtracted from ĝW̃ᵀ. Blocks without
 * input norms (OLMo-2) keep ĝ = g and no β ({@link EapKernel}).
 */
final class EapGradients {

    final NDArray[] gHat;        // per layer [B·P, 3, H, e]: Σ_runs g/σ
    final NDArray[] betaClean;   // per layer [3H, B·P]: the clean run's β
    final NDList[] betaOther;    // per layer, per gradient pass [B·P, 3H, S]: the other runs' β
    final NDList[] xhatOther;    // per layer, per gradient pass [B·P, S, d]: the other runs' x̂
    final NDArray[] mlp;         // per layer [1, B·P·d]: Σ_runs ∂L/∂(the MLP's copy of the residual stream)
    NDArray logits;              // [1, B·P·d]

    EapGradients(int layers) {
        gHat = new NDArray[layers];
        betaClean = new NDArray[layers];
        betaOther = new NDList[layers];
        xhatOther = new NDList[layers];
        mlp = new NDArray[layers];
        for (int l = 0; l < layers; l++) {
            betaOther[l] = new NDList();
            xhatOther[l] = new NDList();
        }
    }

    boolean hasOtherRuns() {
        return !betaOther[0].isEmpty();
    }

    /** Adds a gradient pass of {@code copies} runs stacked in the batch dimension (copies of the batch's rows). */
    void add(NDManager keep, LanguageModel model, TokenBatch tokens, ForwardRun run, int copies, boolean clean) {
        ModelConfig c = model.config();
        int heads = c.nHead();
        int e = c.dHead();
        int d = c.dModel();
        boolean inputNorms = c.design().residual().inputNorms();
        long rows = (long) tokens.batch() * tokens.positions() / copies;
        for (int l = 0; l < c.nLayer(); l++) {
            try (NDManager layer = keep.newSubManager()) {
                // A handle of the layer's own, so that what is derived from it is freed with the layer.
                NDArray g = run.qkvGrad[l].reshape(copies, rows, 3, heads, e);
                g.attach(layer);
                NDArray gHatRuns = !inputNorms ? g
                        : g.div(run.ln1Std[l].reshape(copies, rows, 1, 1, 1));                     // [S, B·P, 3, H, e]
                NDArray sum = copies == 1 ? gHatRuns.reshape(rows, 3, heads, e) : gHatRuns.sum(new int[] {0});
                gHat[l] = accumulate(keep, gHat[l], sum);
                if (inputNorms) {
                    addBeta(keep, model, tokens, run, l, gHatRuns, copies, rows, clean, layer);
                }
                if (!c.attnOnly()) {
                    NDArray mg = run.mlpGrad[l].reshape(copies, rows * d);
                    mg.attach(layer);
                    mlp[l] = accumulate(keep, mlp[l], mg.sum(new int[] {0}).reshape(1, rows * d));
                }
            }
        }
        try (NDManager last = keep.newSubManager()) {
            NDArray lg = run.logitsGrad.reshape(copies, rows * d);
            lg.attach(last);
            logits = accumulate(keep, logits, lg.sum(new int[] {0}).reshape(1, rows * d));
        }
    }

    /** LayerNorm-1's β of layer l's receivers for this pass: the clean run's into betaClean, the others' with their x̂. */
    private void addBeta(NDManager keep, LanguageModel model, TokenBatch tokens, ForwardRun run, int l, NDArray gHatRuns, int copies,
                         long rows, boolean clean, NDManager layer) {
        ModelConfig c = model.config();
        int heads = c.nHead();
        int e = c.dHead();
        int d = c.dModel();
        NDArray qkv = run.qkv[l];                                                             // [S·B, P, 3He]
        if (c.shortformer()) {
            qkv = qkv.sub(model.weights().layers.get(l).shortformerQkv().data().get(layer, new NDIndex("0:{}", tokens.positions())));
        }
        NDArray xw = qkv.reshape(copies * rows, 3L * heads * e).sub(model.weights().qkvShift(l, layer)).reshape(copies, rows, 3, heads, e);
        NDArray beta = gHatRuns.mul(xw).sum(new int[] {-1}).reshape(copies, rows, 3L * heads).div(d);  // [S, B·P, 3H]
        if (clean) {
            betaClean[l] = keepOf(keep, beta.reshape(rows, 3L * heads).transpose());
        } else {
            betaOther[l].add(keepOf(keep, beta.transpose(1, 2, 0)));                           // [B·P, 3H, S]
            xhatOther[l].add(keepOf(keep, run.ln1Normed[l].reshape(copies, rows, d).transpose(1, 0, 2)));  // [B·P, S, d]
        }
    }

    private static NDArray accumulate(NDManager keep, NDArray total, NDArray more) {
        if (total == null) {
            return keepOf(keep, more.duplicate());
        }
        total.addi(more);
        return total;
    }

    private static NDArray keepOf(NDManager keep, NDArray array) {
        array.attach(keep);
        return array;
    }
}
