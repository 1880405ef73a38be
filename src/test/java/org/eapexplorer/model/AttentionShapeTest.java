package org.eapexplorer.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The head width and the per-layer attention a {@link ModelConfig} accepts, and what it refuses by name. */
class AttentionShapeTest {

    private static ModelConfig llama(int dModel, AttentionDesign attention, Rotary rotary) {
        return new ModelConfig(2, 4, dModel, 48, 64, 50, 1e-6, Activation.SILU, false, PositionalEmbedding.ROTARY, OptionalInt.empty(),
                new BlockDesign(Family.LLAMA, true, true, false, 2, rotary).withAttention(attention));
    }

    private static AttentionDesign heads(int e) {
        return new AttentionDesign(e, AttentionDesign.QkNorm.NONE, 0, 0, new int[0], null);
    }

    @Test
    void anExplicitHeadWidthIsTheHeadWidthEvenWhereDModelDoesNotSplitIntoTheHeads() {
        ModelConfig c = llama(30, heads(16), new Rotary(16, Rotary.frequencies(16, 1e4)));
        assertEquals(16, c.dHead());
        assertEquals(64, c.dAttention());
        assertTrue(c.describeArchitecture().contains("heads of 16"), c.describeArchitecture());
        assertEquals(8, llama(32, AttentionDesign.STANDARD, new Rotary(8, Rotary.frequencies(8, 1e4))).dHead());
        assertEquals(32, llama(32, AttentionDesign.STANDARD, new Rotary(8, Rotary.frequencies(8, 1e4))).dAttention());
    }

    @Test
    void rotaryWiderThanTheHeadWindowsOfAnotherDepthAndALocalRotaryAloneAreRefused() {
        String wide = assertThrows(IllegalArgumentException.class,
                () -> llama(64, heads(8), new Rotary(16, Rotary.frequencies(16, 1e4)))).getMessage();
        assertTrue(wide.contains("rotary dimensions (16) exceed the head size (8)"), wide);
        String depth = assertThrows(IllegalArgumentException.class, () -> llama(32,
                new AttentionDesign(0, AttentionDesign.QkNorm.NONE, 0, 0, new int[] {4, 4, 4}, null),
                new Rotary(8, Rotary.frequencies(8, 1e4)))).getMessage();
        assertTrue(depth.contains("sliding windows for 3 layers in a model of 2"), depth);
        String local = assertThrows(IllegalArgumentException.class, () -> new ModelConfig(2, 4, 32, 48, 64, 50, 1e-5,
                Activation.GELU_TANH, false, PositionalEmbedding.STANDARD, OptionalInt.empty(), BlockDesign.GPT2.withAttention(
                new AttentionDesign(0, AttentionDesign.QkNorm.NONE, 0, 0, new int[] {4, 0}, new Rotary(8, Rotary.frequencies(8, 1e4))))))
                .getMessage();
        assertTrue(local.contains("local rotary embedding needs a global one"), local);
    }

    @Test
    void slidingWindowsAreDescribed() {
        Rotary r = new Rotary(8, Rotary.frequencies(8, 1e4));
        assertEquals("Llama, 4 query / 2 key-value heads, rotary, sliding window 5 on 1 of 2 layers",
                llama(32, new AttentionDesign(0, AttentionDesign.QkNorm.NONE, 0, 0, new int[] {0, 5}, null), r).describeArchitecture());
        assertEquals("Llama, 4 query / 2 key-value heads, rotary, q/k norms per head",
                llama(32, new AttentionDesign(0, AttentionDesign.QkNorm.PER_HEAD, 0, 0, new int[0], null), r).describeArchitecture());
    }
}
