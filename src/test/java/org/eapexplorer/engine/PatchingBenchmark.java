package org.eapexplorer.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.Qkv;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * Exact patching's cost in forward-pass equivalents per edge (fpe), over all edges of a model, estimated from a
 * sample stratified by receiver: one stratum per layer for the q/k/v receivers, one per layer for the MLP, one for
 * the logits. Each stratum is timed on up to {@code edgesPerStratum} edges into one of its receivers (the q/k/v
 * stratum of layer l takes q, k, v in turn by layer) and weighted by its share of all the graph's edges, so
 * fpe = Σ_s (edges_s / edges) · (seconds per edge_s / seconds of one forward pass of the pairs). The all-edge wall
 * time is extrapolated the same way: Σ_s edges_s · seconds per edge_s, each stratum's rate scaled by the ratio of the
 * median forward pass to the one timed beside it. Process CPU time is reported beside wall time: on a shared machine
 * it holds stiller. An optional fifth argument names the strata to run (e.g. {@code qkv6,mlp11}). A main, not a test: timings are never
 * asserted. Run after {@code mvn package} and {@code mvn test-compile}:
 * <pre>java -cp "target/classes:target/test-classes:target/lib/*" org.eapexplorer.engine.PatchingBenchmark MODEL PROMPTS [edgesPerStratum] [threads]</pre>
 * Only public API is used, so the same test class runs against an older build's classes (before/after figures).
 */
public final class PatchingBenchmark {

    private PatchingBenchmark() {
    }

    private record Stratum(String name, int receiver, long edges) {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Path prompts = Path.of(args[1]);
        int perStratum = args.length > 2 ? Integer.parseInt(args[2]) : 26;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<String> only = args.length > 4 ? List.of(args[4].split(",")) : null;
        System.setProperty(DjlRuntime.THREADS_PROPERTY, Integer.toString(threads));
        try (LanguageModel model = LanguageModel.load(dir, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(dir)) {
            PromptSet set = PromptPairFile.read(prompts);
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            GraphIndex g = model.graph();
            List<int[]> clean = pairs.stream().map(TokenizedPair::clean).toList();
            model.lastTokenLogits(clean);   // warm-up
            double[] fwd = new double[5];
            for (int i = 0; i < fwd.length; i++) {
                long t0 = System.nanoTime();
                model.lastTokenLogits(clean);
                fwd[i] = (System.nanoTime() - t0) / 1e9;
            }
            double forward = median(fwd);
            List<Stratum> strata = strata(g);
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            System.out.printf(Locale.ROOT, "patching benchmark: %s, %s (%d pairs), %d threads, ≤ %d edges a stratum; forward %.3f s (median of 5: %s)%n",
                    dir, prompts, pairs.size(), threads, perStratum, forward, Arrays.toString(fwd));
            long t0 = System.nanoTime();
            try (EdgePatcher patcher = EdgePatcher.prepare(model, pairs, set.metric())) {
                System.out.printf(Locale.ROOT, "prepare (clean + corrupted runs) %.2f s%n", (System.nanoTime() - t0) / 1e9);
                patcher.effects(sample(g, g.logitsReceiverIndex(), 4), new double[] {1.0});   // warm-up
                double fpe = 0;
                double fpeCpu = 0;
                double allEdgeSeconds = 0;
                double sampleSeconds = 0;
                double weights = 0;
                long total = g.edgeCount();
                for (Stratum s : strata) {
                    if (only != null && !only.contains(s.name)) {
                        continue;
                    }
                    // A forward pass before and after each stratum: on a shared machine the load drifts, and a ratio of two
                    // timings taken side by side drifts less than one against a forward pass timed minutes before.
                    long c = os.getProcessCpuTime();
                    long t = System.nanoTime();
                    model.lastTokenLogits(clean);
                    double localForward = (System.nanoTime() - t) / 1e9;
                    double localForwardCpu = (os.getProcessCpuTime() - c) / 1e9;
                    int[] edges = sample(g, s.receiver, perStratum);
                    c = os.getProcessCpuTime();
                    t = System.nanoTime();
                    patcher.effects(edges, new double[] {1.0});
                    double seconds = (System.nanoTime() - t) / 1e9;
                    double cpu = (os.getProcessCpuTime() - c) / 1e9;
                    c = os.getProcessCpuTime();
                    t = System.nanoTime();
                    model.lastTokenLogits(clean);
                    localForward = (localForward + (System.nanoTime() - t) / 1e9) / 2;        // the mean of the passes before and after
                    localForwardCpu = (localForwardCpu + (os.getProcessCpuTime() - c) / 1e9) / 2;
                    sampleSeconds += seconds;
                    double perEdge = seconds / edges.length;
                    double weight = (double) s.edges / total;
                    weights += weight;
                    fpe += weight * perEdge / localForward;
                    fpeCpu += weight * cpu / edges.length / localForwardCpu;
                    allEdgeSeconds += s.edges * perEdge / localForward * forward;
                    System.out.printf(Locale.ROOT, "  %-8s %-12s weight %6.4f %3d edges %6.2f s (cpu %6.2f s) forward %.3f s (cpu %.3f s)  %.3f fpe (cpu %.3f)%n",
                            s.name, g.receivers().get(s.receiver).name(), weight, edges.length, seconds, cpu, localForward, localForwardCpu,
                            perEdge / localForward, cpu / edges.length / localForwardCpu);
                }
                fpe /= weights;
                fpeCpu /= weights;
                System.out.printf(Locale.ROOT, "fpe per edge over all %d edges (stratified, wall): %.3f (cpu %.3f); all-edge wall time extrapolated: %.0f s (%.2f h); sample took %.0f s%n",
                        total, fpe, fpeCpu, allEdgeSeconds, allEdgeSeconds / 3600, sampleSeconds);
                System.out.printf(Locale.ROOT, "{\"forward_s\": %.4f, \"fpe_per_edge\": %.4f, \"fpe_per_edge_cpu\": %.4f, \"all_edges_s\": %.1f, \"per_stratum\": %d, \"threads\": %d}%n",
                        forward, fpe, fpeCpu, allEdgeSeconds, perStratum, threads);
            }
        }
    }

    /** Strata with their edge counts: q/k/v of layer l (all heads), MLP of layer l, the logits. */
    private static List<Stratum> strata(GraphIndex g) {
        List<Stratum> out = new ArrayList<>();
        for (int l = 0; l < g.nLayer(); l++) {
            long qkv = 0;
            for (Qkv which : Qkv.values()) {
                for (int h = 0; h < g.nHead(); h++) {
                    qkv += g.fanIn(g.receiverIndex(l, which, h));
                }
            }
            out.add(new Stratum("qkv" + l, g.receiverIndex(l, Qkv.values()[l % 3], l % g.nHead()), qkv));
            if (!g.attnOnly()) {
                out.add(new Stratum("mlp" + l, g.mlpReceiverIndex(l), g.fanIn(g.mlpReceiverIndex(l))));
            }
        }
        out.add(new Stratum("logits", g.logitsReceiverIndex(), g.fanIn(g.logitsReceiverIndex())));
        long sum = out.stream().mapToLong(Stratum::edges).sum();
        if (sum != g.edgeCount()) {
            throw new IllegalStateException("strata hold " + sum + " edges, the graph " + g.edgeCount());
        }
        return out;
    }

    /** The last {@code n} edges into the receiver (the latest upstream nodes), or all of them. */
    private static int[] sample(GraphIndex g, int receiver, int n) {
        int fanIn = g.fanIn(receiver);
        int count = Math.min(n, fanIn);
        int[] edges = new int[count];
        for (int i = 0; i < count; i++) {
            edges[i] = g.firstEdge(receiver) + fanIn - count + i;
        }
        return edges;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
