package org.eapexplorer.engine;

import ai.djl.engine.Engine;
import com.sun.jna.Library;
import com.sun.jna.Native;
import java.nio.file.Path;

/**
 * Starts DJL's PyTorch engine the way this program needs it: offline and without usage tracking (DJL
 * otherwise probes a cloud metadata address at start-up), with a chosen thread count, and with libtorch's
 * huge-page allocator switched on, which halves the time EAP spends in page faults (docs/BENCHMARKS.md).
 * It also keeps freed memory in the process (glibc's trim and mmap thresholds): libtorch allocates and frees
 * the same large activations for every batch, and returning them to the kernel after each use means
 * page-faulting them in again, which cost as much as the arithmetic (docs/BENCHMARKS.md).
 * All of it must happen before libtorch is loaded, so every entry point calls {@link #engine()} first.
 */
public final class DjlRuntime {

    /** Set to a positive number (or the system property of the same name) to fix libtorch's intra-op threads. */
    public static final String THREADS_PROPERTY = "eap.threads";

    private static Engine engine;
    private static LibtorchChoice libtorch;
    /** What {@link #engine()} did to the allocators, in words, for doctor. */
    private static final java.util.List<String> allocatorSettings = new java.util.ArrayList<>();

    private DjlRuntime() {
    }

    /**
     * Chooses the libtorch to load ({@code --libtorch}, the window's setting); must come before {@link #engine()}.
     *
     * @throws IllegalStateException when libtorch is loaded already: a process holds one libtorch for its life
     */
    public static synchronized void useLibtorch(LibtorchChoice choice) {
        if (engine != null && !choice.equals(libtorch)) {
            throw new IllegalStateException("libtorch is loaded already (" + libtorch.origin()
                    + "); a different one takes effect at the next start");
        }
        libtorch = choice;
    }

    /** The libtorch this process loads (or loaded): chosen explicitly, else from the environment and DJL's cache. */
    public static synchronized LibtorchChoice libtorch() {
        if (libtorch == null) {
            libtorch = LibtorchChoice.select(null, System.getenv(), null, djlPytorchCache());
        }
        return libtorch;
    }

    /** Whether libtorch has been loaded in this process (doctor reports facts without forcing a load twice). */
    public static synchronized boolean started() {
        return engine != null;
    }

    /** The allocator settings {@link #engine()} put in force; empty before the engine starts. */
    public static synchronized java.util.List<String> allocatorSettings() {
        java.util.List<String> all = new java.util.ArrayList<>(allocatorSettings);
        String cuda = System.getenv("PYTORCH_CUDA_ALLOC_CONF");
        if (cuda != null) {
            all.add("PYTORCH_CUDA_ALLOC_CONF=" + cuda);
        }
        return java.util.List.copyOf(all);
    }

    /** DJL's cache folder for PyTorch's native files, as DJL itself computes it ({@code DJL_CACHE_DIR}, ~/.djl.ai). */
    public static Path djlPytorchCache() {
        return ai.djl.util.Utils.getEngineCacheDir("pytorch");
    }

    public static synchronized Engine engine() {
        if (engine == null) {
            libtorch().djlProperties().forEach(System::setProperty);
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
            String threads = System.getProperty(THREADS_PROPERTY);
            if (threads != null && !threads.isBlank()) {
                System.setProperty("ai.djl.pytorch.num_threads", threads.trim());
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            enableHugePageAllocator();
            keepFreedMemory();
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
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
            return; // the user tuned the allocator already
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
