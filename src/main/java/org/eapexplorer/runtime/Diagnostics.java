package org.eapexplorer.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.io.ProgramVersion;

/**
 * What this process runs on, as {@code doctor} and Help → Diagnostics show it: versions, which libtorch was
 * loaded from where, the CUDA devices PyTorch sees or why none, threads, allocators, and the network policy.
 * Gathering starts libtorch (the facts only exist once it is loaded); a libtorch that fails to load is
 * itself the diagnosis and is reported, not thrown.
 *
 * @param lines label and value pairs, in the order shown
 * @param libtorchLoaded false when the chosen libtorch was refused or failed to load (doctor then exits 1)
 */
public record Diagnostics(List<Fact> lines, boolean libtorchLoaded) {

    public record Fact(String label, String value) {
    }

    public static Diagnostics gather() {
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("EAP Explorer", ProgramVersion.VERSION));
        facts.add(new Fact("Java", System.getProperty("java.runtime.name", "Java") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.home") + ")"));
        facts.add(new Fact("OS", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")));
        LibtorchChoice choice;
        try {
            choice = DjlRuntime.libtorch();
        } catch (IllegalArgumentException e) {
            facts.add(new Fact("libtorch", "not loaded: " + e.getMessage()));
            return new Diagnostics(List.copyOf(facts), false);
        }
        Engine engine;
        try {
            engine = DjlRuntime.engine();
        } catch (RuntimeException | LinkageError e) {
            facts.add(new Fact("libtorch chosen", choice.origin() + ", flavour " + choice.flavor()));
            facts.add(new Fact("DJL", Engine.getDjlVersion()));
            facts.add(new Fact("libtorch", e instanceof IllegalStateException ? e.getMessage() : "failed to load: " + e));
            return new Diagnostics(List.copyOf(facts), false);
        }
        // The cached CUDA build may have given way to the bundled one while loading: report what was loaded.
        choice = DjlRuntime.libtorch();
        facts.add(new Fact("libtorch chosen", choice.origin() + ", flavour " + choice.flavor()));
        if (!choice.note().isEmpty()) {
            facts.add(new Fact("libtorch note", choice.note()));
        }
        facts.add(new Fact("DJL", Engine.getDjlVersion() + ", engine " + engine.getEngineName()));
        facts.add(new Fact("libtorch", engine.getVersion() + " " + choice.flavor()));
        facts.add(new Fact("libtorch loaded from", String.valueOf(LibUtils.getLibtorchPath())));
        facts.addAll(cudaFacts(engine, choice));
        facts.add(new Fact("threads", JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads() + " inter-op"
                + (System.getProperty(DjlRuntime.THREADS_PROPERTY) != null ? " (--threads)" : " (libtorch's default)")));
        for (String setting : ModelDevice.allocatorSettings()) {
            facts.add(new Fact("allocator", setting));
        }
        facts.add(new Fact("network", networkPolicy()));
        return new Diagnostics(List.copyOf(facts), true);
    }

    private static List<Fact> cudaFacts(Engine engine, LibtorchChoice choice) {
        List<Fact> facts = new ArrayList<>();
        int gpus = engine.getGpuCount();
        if (gpus == 0) {
            String why = !choice.flavor().startsWith("cu") ? "none: the loaded libtorch is a CPU build (see --libtorch in the README's GPU set-up)"
                    : CudaUtils.hasCuda() ? "none: the CUDA runtime reports " + CudaUtils.getGpuCount() + " device(s) but PyTorch sees none"
                    : "none: no CUDA driver or device found (nvidia-smi?)";
            facts.add(new Fact("CUDA devices", why));
            return facts;
        }
        facts.add(new Fact("CUDA devices", gpus + " (CUDA " + CudaUtils.getCudaVersionString() + ")"));
        for (int i = 0; i < gpus; i++) {
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(i));
            facts.add(new Fact("GPU " + i, "compute capability " + CudaUtils.getComputeCapability(i) + ", "
                    + gib(memory.getMax()) + " total, " + gib(memory.getMax() - memory.getCommitted()) + " free"));
        }
        return facts;
    }

    private static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** Read back from the properties DJL consults, so a change elsewhere shows here rather than a stale claim. */
    static String networkPolicy() {
        boolean offline = "true".equals(System.getProperty("ai.djl.offline")) || "true".equals(System.getenv("DJL_OFFLINE"));
        boolean untracked = System.getProperty("OPT_OUT_TRACKING") != null || System.getenv("OPT_OUT_TRACKING") != null;
        if (offline && untracked) {
            return "none (DJL offline, usage tracking off); only 'download' and 'gpu-setup' use the network, when asked";
        }
        return "DJL may connect: " + (offline ? "" : "offline mode is off; ") + (untracked ? "" : "usage tracking is on");
    }

    /** One "label: value" line per fact, labels aligned, as doctor prints and the Diagnostics window shows. */
    public String text() {
        int width = lines.stream().mapToInt(f -> f.label().length()).max().orElse(0);
        StringBuilder out = new StringBuilder();
        for (Fact f : lines) {
            out.append(String.format(Locale.ROOT, "%-" + (width + 1) + "s %s%n", f.label() + ":", f.value()));
        }
        return out.toString();
    }

    /** DJL's version, read from its jar without loading an engine (for Help → About). */
    public static String djlVersion() {
        try {
            return Engine.getDjlVersion();
        } catch (RuntimeException | LinkageError e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }
}
