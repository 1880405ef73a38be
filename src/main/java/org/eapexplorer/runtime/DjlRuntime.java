package org.eapexplorer.runtime;

import ai.djl.engine.Engine;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Starts DJL's PyTorch engine the way this program needs it: the chosen libtorch, offline and without usage
 * tracking (DJL otherwise probes a cloud metadata address at start-up), with a chosen thread count, and with
 * the allocator settings of {@link ModelDevice#configureAllocators()}. All of it must happen before libtorch is
 * loaded, so every entry point calls {@link #engine()} first.
 *
 * <p>A libtorch that fails to load is named in one line with the file and the linker's reason (DJL says only "Failed
 * to load PyTorch native library"). The CUDA build gpu-setup left in DJL's cache, which nobody chose by hand, then
 * gives way to the bundled CPU build with one line saying why, so that a broken cache cannot stop {@code --device cpu}
 * or {@code doctor}; a libtorch the user named ({@code --libtorch}, the environment, the window's setting) is refused
 * instead: running on something else than asked for, in silence, would be worse.
 */
public final class DjlRuntime {

    /** Set to a positive number (or the system property of the same name) to fix libtorch's intra-op threads. */
    public static final String THREADS_PROPERTY = "eap.threads";

    private static Engine engine;
    private static LibtorchChoice libtorch;
    private static Consumer<String> notices = line -> System.err.println("note: " + line);
    private static boolean noted;

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

    /**
     * Where the one-line notes go (a passed-over libtorch); standard error unless an entry point shows them itself
     * ({@code doctor} prints them among its facts).
     */
    public static synchronized void onNotice(Consumer<String> sink) {
        notices = sink;
    }

    public static synchronized Engine engine() {
        if (engine == null) {
            LibtorchChoice choice = libtorch();
            try {
                engine = start(choice);
            } catch (RuntimeException | LinkageError e) {
                String why = LibtorchLoadFailure.describe(choice, e);
                if (!choice.automatic()) {
                    throw new IllegalStateException(why, e);
                }
                Path lib = choice.folder().orElseThrow().lib();
                if (LoadedLibraries.anyFrom(lib)) {
                    // Two libtorch builds in one process abort it (their operators register twice): remember, and stop.
                    rememberFailure(lib, why);
                    throw new IllegalStateException(why + "; part of it was loaded already, so this run cannot change to the bundled "
                            + "CPU build: the next start uses it (run gpu-setup again to fetch the CUDA build anew)", e);
                }
                libtorch = choice.passedOver(why + "; using the bundled CPU build instead (run gpu-setup again to fetch it anew)");
                choice.djlProperties().keySet().forEach(System::clearProperty);
                try {
                    engine = start(libtorch);
                } catch (RuntimeException | LinkageError again) {
                    throw new IllegalStateException(why + "; and the bundled CPU build then failed too: "
                            + LibtorchLoadFailure.describe(libtorch, again), again);
                }
            }
            if (!libtorch.note().isEmpty() && !noted) {
                noted = true;
                notices.accept(libtorch.note());
            }
        }
        return engine;
    }

    private static void rememberFailure(Path lib, String why) {
        try {
            java.nio.file.Files.writeString(LibtorchChoice.failureMark(lib), why + System.lineSeparator());
        } catch (java.io.IOException | RuntimeException ignored) {
            // The message still says what failed; without the mark the next start tries again and says it again.
        }
    }

    private static Engine start(LibtorchChoice choice) {
        {
            choice.djlProperties().forEach(System::setProperty);
            System.setProperty("ai.djl.offline", "true");
            System.setProperty("OPT_OUT_TRACKING", "true");
            String threads = System.getProperty(THREADS_PROPERTY);
            if (threads != null && !threads.isBlank()) {
                System.setProperty("ai.djl.pytorch.num_threads", threads.trim());
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            ModelDevice.configureAllocators();
            return Engine.getEngine("PyTorch");
        }
    }
}
