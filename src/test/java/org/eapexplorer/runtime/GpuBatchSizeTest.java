package org.eapexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The GPU batch rule: the requested batch, lowered to what the free memory holds, never below one pair. */
class GpuBatchSizeTest {

    private static final ModelConfig GPT2_SMALL = new ModelConfig(12, 12, 768, 3072, 1024, 50257, 1e-5, Activation.GELU_TANH);
    private static final long GIB = 1L << 30;

    @Test
    void gpt2SmallNeedsAbout46MiBPerSixteenTokenPair() {
        // 6 copies × 4 bytes × 16 tokens × (12 layers × (4·768 + 3072 + 12·16) + 50257)
        assertEquals(48_494_976L, GpuBatchSize.bytesPerPair(GPT2_SMALL, 16));
    }

    @Test
    void theRequestStandsWhenItFitsAndIsLoweredWhenItDoesNot() {
        assertEquals(20, GpuBatchSize.fit(20, 8 * GIB, GPT2_SMALL, 16));
        assertEquals(141, GpuBatchSize.fit(1000, 8 * GIB, GPT2_SMALL, 16)); // 0.8 × 8 GiB / 48.5 MB
        assertEquals(1, GpuBatchSize.fit(20, 100L << 20, GPT2_SMALL, 16));
        assertEquals(1, GpuBatchSize.fit(20, 0, GPT2_SMALL, 16));
    }

    @Test
    void longerPromptsAndLessMemoryNeverGiveALargerBatch() {
        int previous = Integer.MAX_VALUE;
        for (int tokens = 1; tokens <= 1024; tokens *= 2) {
            int b = GpuBatchSize.fit(10_000, 40 * GIB, GPT2_SMALL, tokens);
            assertTrue(b <= previous && b >= 1, tokens + " tokens: " + b);
            previous = b;
        }
        assertTrue(GpuBatchSize.fit(10_000, 4 * GIB, GPT2_SMALL, 32) < GpuBatchSize.fit(10_000, 40 * GIB, GPT2_SMALL, 32));
        assertThrows(IllegalArgumentException.class, () -> GpuBatchSize.fit(0, GIB, GPT2_SMALL, 16));
    }
}
