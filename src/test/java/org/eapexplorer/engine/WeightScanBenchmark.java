package org.eapexplorer.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.safetensors.SafetensorsFile;

/**
 * What refusing NaN and infinite weights costs at load, on a GPT-2-small-shaped model
 * ({@code java -jar target/eap-explorer.jar random-model --out /tmp/g2}, 497 MB). A main, not a test: timings are
 * never asserted. Run after {@code mvn package}:
 * <pre>java -Xmx3g -cp "target/classes:target/test-classes:target/lib/*" org.eapexplorer.engine.WeightScanBenchmark /tmp/g2 scan|load [runs]</pre>
 * {@code scan}: the scan alone over every tensor already decoded (what the loader adds: it scans each tensor as it
 * decodes it); {@code load}: the whole {@link LanguageModel#load}, which includes the scan (run it against classes built
 * without the scan for the figure before). CPU times are printed beside wall times because they hold still when other
 * work shares the machine.
 */
public final class WeightScanBenchmark {

    private WeightScanBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String mode = args.length > 1 ? args[1] : "scan";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        if (mode.equals("load")) {
            double[] ms = new double[runs];
            double[] cpu = new double[runs];
            for (int r = -1; r < runs; r++) {   // one warm-up: libtorch's start and the page cache
                long t0 = System.nanoTime();
                long c0 = processCpuNanos();
                try (LanguageModel m = LanguageModel.load(dir, ComputeDevice.CPU)) {
                    if (r >= 0) {
                        ms[r] = (System.nanoTime() - t0) / 1e6;
                        cpu[r] = (processCpuNanos() - c0) / 1e6;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "load: median %.0f ms wall, %.0f ms CPU (all threads) over %d runs; wall %s%n", median(ms),
                    median(cpu), runs, Arrays.toString(round(ms)));
            return;
        }
        List<float[]> tensors = new ArrayList<>();
        long elements = 0;
        try (SafetensorsFile f = SafetensorsFile.open(dir.resolve("model.safetensors"))) {
            for (String name : f.names()) {
                if (f.info(name).orElseThrow().dtype().isReadableAsFloat()) {
                    float[] v = f.readFloats(name);
                    tensors.add(v);
                    elements += v.length;
                }
            }
        }
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        double cold = 0;
        double coldCpu = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int r = -3; r < runs; r++) {   // the first pass is the loader's case (a fresh JVM); then two more warm-ups
            long t0 = System.nanoTime();
            long c0 = threads.getCurrentThreadCpuTime();
            for (float[] v : tensors) {
                for (float x : v) {
                    sink += Float.isFinite(x) ? 0 : 1;
                }
            }
            double t = (System.nanoTime() - t0) / 1e6;
            double c = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            if (r == -3) {
                cold = t;
                coldCpu = c;
            } else if (r >= 0) {
                ms[r] = t;
                cpu[r] = c;
            }
        }
        System.out.printf(Locale.ROOT, "scan of %d tensors, %,d values (%.0f MB as F32): first pass %.1f ms wall / %.1f ms CPU; "
                        + "warm median %.1f ms wall / %.1f ms CPU over %d runs; wall %s (%d)%n",
                tensors.size(), elements, elements * 4 / 1e6, cold, coldCpu, median(ms), median(cpu), runs, Arrays.toString(round(ms)), sink);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double[] round(double[] x) {
        return Arrays.stream(x).map(v -> Math.round(v * 10) / 10.0).toArray();
    }
}
