package org.eapexplorer.engine;

import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * Starts DJL's PyTorch engine the way this program needs it: the chosen libtorch, offline and without usage
 * tracking (DJL otherwise probes a cloud metadata address at start-up), with a chosen thread count, and with
 * the allocator settings of {@link ModelDevice#configureAllocators()}. All of it must happen before libtorch is
 * loaded, so every entry point calls {@link #engine()} first.
 */
public final class DjlRuntime {

    /** Set to a positive number (or the system property of the same name) to fix libtorch's intra-op threads. */
    public static final String THREADS_PROPERTY = "eap.threads";

    private static Engine engine;
    private static LibtorchChoice libtorch;

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
            ModelDevice.configureAllocators();
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }
}
