package org.eapexplorer.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.eapexplorer.model.ModelConfig;

/**
 * The one place for what depends on the device a model runs on: which DJL device, the manager tensors are made
 * in, the process's allocator settings, how many prompt pairs go in one EAP batch, and how many floats one pass
 * of exact patching may hold. A CPU and a GPU differ in all of these; nothing else in the program asks which
 * it has.
 *
 * <p>The CPU has swap and no memory wall, so its sizes are fixed (measured, docs/BENCHMARKS.md); a GPU's come
 * from the memory it has free when asked, because a pass that does not fit fails with CUDA out-of-memory after
 * minutes of work.
 */
public final class ModelDevice {

    /**
     * Floats one exact-patching pass may hold on the CPU. A pass is fastest per patch when its widest intermediate
     * stays within the last-level cache: 4 Mi floats (16 MiB; 4 patches of 20 GPT-2-small prompts of 15 tokens)
     * patched a layer-6 receiver at 0.43 forward passes an edge on one thread, where 24 Mi floats (13 patches)
     * took 0.82 (docs/BENCHMARKS.md, "At the floor").
     */
    static final long CPU_PATCH_ROW_BUDGET_FLOATS = 4L << 20;
    /**
     * On a GPU, one patching pass holds, per row of the budget, the residual stream, q/k/v, the attention
     * pattern, the MLP's hidden layer, the logits and libtorch's temporaries: taken as this many float copies.
     */
    static final int PATCH_COPIES = 8;
    /** Keeps one tensor's element count within 32-bit indexing, which some CUDA kernels still use. */
    static final long MAX_PATCH_ROW_BUDGET_FLOATS = Integer.MAX_VALUE;

    private static final List<String> allocatorSettings = new ArrayList<>();

    private final Device device;
    private final LongSupplier freeBytes;

    /**
     * @param freeBytes the device's free memory now, in bytes; asked only on a GPU (tests pass a fake)
     */
    ModelDevice(Device device, LongSupplier freeBytes) {
        this.device = device;
        this.freeBytes = freeBytes;
    }

    /** Starts the engine (once per process) and resolves the user's choice to a device, or says why it cannot. */
    public static ModelDevice open(ComputeDevice choice) {
        Device device = choice.resolve(DjlRuntime.engine());
        return new ModelDevice(device, device.isGpu() ? () -> {
            java.lang.management.MemoryUsage memory = ai.djl.util.cuda.CudaUtils.getGpuMemory(device);
            return memory.getMax() - memory.getCommitted();
        } : ModelDevice::availableMemory);
    }

    /**
     * The memory the kernel says a process could still take without swapping (/proc/meminfo's MemAvailable); the JVM's
     * view of the machine's free memory where there is no /proc.
     */
    public static long availableMemory() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // not Linux: fall through
        }
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
    }

    /** Memory free now on the device: a GPU's free memory, or the machine's available memory for the CPU. */
    public long freeBytes() {
        return freeBytes.getAsLong();
    }

    public Device device() {
        return device;
    }

    public boolean isGpu() {
        return device.isGpu();
    }

    /** A new top-level manager on this device: every tensor of a model or trainer is made in one of these. */
    public NDManager newManager() {
        return DjlRuntime.engine().newBaseManager(device);
    }

    /** "CPU (2 threads)" or "GPU 0 (CUDA)": what the status line and the score file report. */
    public String describe() {
        return ComputeDevice.describe(device);
    }

    /**
     * The EAP batch for {@code tokens}-token pairs: the requested one on the CPU; on a GPU lowered to what its
     * free memory holds (GpuBatchSize), never raised.
     */
    public int fitBatchSize(int requested, ModelConfig config, int tokens) {
        if (!device.isGpu()) {
            return requested;
        }
        return GpuBatchSize.fit(requested, freeBytes.getAsLong(), config, tokens);
    }

    /**
     * Floats one pass of exact patching may hold (patches × pairs × a layer's largest activation row): a fixed
     * {@value #CPU_PATCH_ROW_BUDGET_FLOATS} on the CPU; on a GPU, {@value GpuBatchSize#USABLE_FRACTION} of the
     * free memory over {@value #PATCH_COPIES} float copies, capped at 2³¹ − 1 floats, at least one float (the
     * caller always runs one patch per pass).
     */
    public long patchRowBudgetFloats() {
        if (!device.isGpu()) {
            return CPU_PATCH_ROW_BUDGET_FLOATS;
        }
        long usable = (long) (Math.max(0, freeBytes.getAsLong()) * GpuBatchSize.USABLE_FRACTION);
        return Math.max(1, Math.min(MAX_PATCH_ROW_BUDGET_FLOATS, usable / ((long) Float.BYTES * PATCH_COPIES)));
    }

    /** The allocator settings {@link #configureAllocators()} put in force, and the user's CUDA allocator setting. */
    public static synchronized List<String> allocatorSettings() {
        List<String> all = new ArrayList<>(allocatorSettings);
        String cuda = System.getenv("PYTORCH_CUDA_ALLOC_CONF");
        all.add(cuda != null ? "PYTORCH_CUDA_ALLOC_CONF=" + cuda + " (set by the user)"
                : "CUDA: libtorch's caching allocator with its defaults (PYTORCH_CUDA_ALLOC_CONF not set)");
        return List.copyOf(all);
    }

    /**
     * Switches on libtorch's huge-page CPU allocator, which halves the time EAP spends in page faults, and keeps
     * freed memory in the process (glibc's trim and mmap thresholds): libtorch allocates and frees the same large
     * activations for every batch, and returning them to the kernel after each use means page-faulting them in
     * again, which cost as much as the arithmetic (docs/BENCHMARKS.md). Must run before libtorch loads
     * ({@link DjlRuntime#engine()} calls it); the CUDA allocator is left as the user set it.
     */
    static synchronized void configureAllocators() {
        allocatorSettings.clear();
        enableHugePageAllocator();
        keepFreedMemory();
    }

    /** Sets libtorch's allocator switch in the process environment, unless the user set it already. */
    private static void enableHugePageAllocator() {
        if (System.getenv("THP_MEM_ALLOC_ENABLE") != null) {
            allocatorSettings.add("THP_MEM_ALLOC_ENABLE=" + System.getenv("THP_MEM_ALLOC_ENABLE") + " (set by the user)");
            return;
        }
        try {
            LibC.INSTANCE.setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
            allocatorSettings.add("THP_MEM_ALLOC_ENABLE=1 (libtorch's huge-page CPU allocator)");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // Not Linux/glibc: libtorch keeps its default allocator, which is only slower.
            allocatorSettings.add("libtorch's default CPU allocator (no glibc setenv)");
        }
    }

    /** glibc's mallopt: no trimming of freed heap memory, heap (not fresh mmap) for blocks up to 32 MiB. */
    private static void keepFreedMemory() {
        if (System.getenv("MALLOC_TRIM_THRESHOLD_") != null || System.getenv("LD_PRELOAD") != null) {
            allocatorSettings.add("glibc malloc as tuned by the user (MALLOC_TRIM_THRESHOLD_ or LD_PRELOAD set)");
            return;
        }
        try {
            LibC.INSTANCE.mallopt(M_TRIM_THRESHOLD, Integer.MAX_VALUE);
            LibC.INSTANCE.mallopt(M_TOP_PAD, 256 << 20);
            LibC.INSTANCE.mallopt(M_MMAP_THRESHOLD, 32 << 20);
            allocatorSettings.add("glibc mallopt: no trim, top pad 256 MiB, mmap threshold 32 MiB");
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // Not glibc: its allocator keeps its own policy, which is only slower.
            allocatorSettings.add("the C library's default malloc policy (not glibc)");
        }
    }

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int setenv(String name, String value, int overwrite);

        int mallopt(int param, int value);
    }
}
