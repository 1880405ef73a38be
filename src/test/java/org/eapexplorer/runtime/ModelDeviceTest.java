package org.eapexplorer.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.util.function.LongSupplier;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The device place's sizes, with the GPU's free memory faked: fixed on the CPU, from free memory on a GPU. */
class ModelDeviceTest {

    private static final ModelConfig GPT2_SMALL = new ModelConfig(12, 12, 768, 3072, 1024, 50257, 1e-5, Activation.GELU_TANH);
    private static final long GIB = 1L << 30;
    private static final LongSupplier NEVER_ASKED = () -> {
        throw new AssertionError("the CPU has no free-memory rule");
    };

    @Test
    void theCpuKeepsTheRequestedBatchAndTheMeasuredPatchingBudget() {
        ModelDevice cpu = new ModelDevice(Device.cpu(), NEVER_ASKED);
        assertEquals(1000, cpu.fitBatchSize(1000, GPT2_SMALL, 16));
        assertEquals(4L << 20, cpu.patchRowBudgetFloats(), "within the CPU's last-level cache (docs/BENCHMARKS.md)");
    }

    @Test
    void aGpuSizesBothFromItsFreeMemory() {
        ModelDevice gpu = new ModelDevice(Device.gpu(), () -> 8 * GIB);
        assertEquals(141, gpu.fitBatchSize(1000, GPT2_SMALL, 16), "GpuBatchSize's rule: 0.8 × 8 GiB / 48.5 MB per pair");
        assertEquals(20, gpu.fitBatchSize(20, GPT2_SMALL, 16), "never raised");
        // 0.8 × 8 GiB over 8 float copies of 4 bytes
        assertEquals(214_748_364L, gpu.patchRowBudgetFloats());
    }

    @Test
    void theGpuBudgetFollowsFreeMemoryWithinItsBounds() {
        long[] free = {0};
        ModelDevice gpu = new ModelDevice(Device.gpu(), () -> free[0]);
        assertEquals(1, gpu.patchRowBudgetFloats(), "no free memory: one float, so the caller runs one patch per pass");
        assertEquals(1, gpu.fitBatchSize(20, GPT2_SMALL, 16));
        free[0] = -5;
        assertEquals(1, gpu.patchRowBudgetFloats(), "a driver's odd answer does not go negative");
        free[0] = 1024 * GIB;
        assertEquals(Integer.MAX_VALUE, gpu.patchRowBudgetFloats(), "32-bit indexing cap");
        long previous = 0;
        for (long gib = 1; gib <= 128; gib *= 2) {
            free[0] = gib * GIB;
            long budget = gpu.patchRowBudgetFloats();
            assertTrue(budget >= previous, gib + " GiB: " + budget);
            previous = budget;
        }
    }

    @Test
    void theAllocatorSettingsIncludeTheCudaAllocator() {
        assertTrue(ModelDevice.allocatorSettings().stream().anyMatch(s -> s.contains("PYTORCH_CUDA_ALLOC_CONF")),
                ModelDevice.allocatorSettings().toString());
    }
}
