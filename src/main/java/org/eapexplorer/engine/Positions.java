package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import org.eapexplorer.model.AttentionDesign;

/**
 * What every layer of one pass reads by position, made once per pass: each layer's causal mask (banded where the layer
 * has a sliding window) and, with rotary positions, its rotation (a window layer's own where the family gives those
 * layers another base). Layers that share a window or a rotation share the array.
 */
final class Positions {

    private final NDArray[] masks;                      // per layer [P, P]
    private final RotaryEmbedding.Factors[] rotations;  // per layer; null without rotary positions

    private Positions(NDArray[] masks, RotaryEmbedding.Factors[] rotations) {
        this.masks = masks;
        this.rotations = rotations;
    }

    /**
     * For positions 0 … p−1 of a model of {@code layers} layers; {@code rotary} null without rotary positions,
     * {@code localRotary} null where window layers rotate as the others.
     */
    static Positions of(NDManager m, int p, int layers, AttentionDesign attention, RotaryEmbedding rotary, RotaryEmbedding localRotary) {
        NDArray[] masks = new NDArray[layers];
        RotaryEmbedding.Factors[] rotations = new RotaryEmbedding.Factors[layers];
        Map<Integer, NDArray> byWindow = new HashMap<>();
        RotaryEmbedding.Factors global = rotary == null ? null : rotary.at(m, p);
        RotaryEmbedding.Factors local = localRotary == null ? global : localRotary.at(m, p);
        for (int l = 0; l < layers; l++) {
            int window = attention.window(l);
            // A window as long as the prompt masks nothing more than causality: the same mask.
            masks[l] = byWindow.computeIfAbsent(window >= p ? 0 : window, w -> causalMask(m, p, w));
            rotations[l] = window > 0 ? local : global;
        }
        return new Positions(masks, rotations);
    }

    /** Layer l's additive mask [P, P]: 0 where query i may read key j, −∞ elsewhere. */
    NDArray causalMask(int l) {
        return masks[l];
    }

    /** Layer l's rotation of q and k; null without rotary positions. */
    RotaryEmbedding.Factors rotation(int l) {
        return rotations[l];
    }

    /**
     * Key j is visible to query i when j ≤ i and, with a window W, j > i − W: W positions, the query's own included, as
     * transformers' masking_utils builds it (causal_mask_function and sliding_window_overlay).
     */
    private static NDArray causalMask(NDManager m, int p, int window) {
        float[] mask = new float[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                if (j > i || (window > 0 && j <= i - window)) {
                    mask[i * p + j] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return OwnedArrays.owned(m.create(mask, new Shape(p, p)));
    }
}
