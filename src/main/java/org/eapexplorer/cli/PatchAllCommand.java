package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.PatchingSweep;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "patch-all", mixinStandardHelpOptions = true,
        description = "Exact activation-patching effect (λ = 1) of every edge, or of the top N by |EAP score|; resumable through an on-disk cache. Writes the score-file shape; with --top, only the edges patched are listed (EAP-IG's from_json loads it; this program reads the others as not computed).")
final class PatchAllCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;

    @Option(names = "--top", paramLabel = "N", description = "only the N edges with the largest |score| in --scores") Integer top;

    @Option(names = "--scores", paramLabel = "FILE", description = "the score file of any method (eap, eap-ig-inputs, clean-corrupted) choosing the edges for --top") Path scores;

    @Option(names = "--cache", paramLabel = "DIR", description = "where finished edges are kept (default: ~/.cache/eap-explorer/patching)") Path cacheDir;

    @Option(names = "--no-cache", description = "compute everything, keep nothing") boolean noCache;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out), noCache ? null : OutputGuard.Output.folder("--cache", cacheDir == null ? PatchCache.defaultDirectory() : cacheDir));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(modelOptions.input(), OutputGuard.Input.of("--prompts", prompts), OutputGuard.Input.of("--scores", scores));
    }

    @Override
    public Integer call() throws Exception {
        if ((top == null) != (scores == null)) {
            throw new IllegalArgumentException("--top and --scores go together: the scores choose the top edges");
        }
        Counts.positive("--top", top);
        StderrProgress progress = new StderrProgress();
        CancellationToken cancel = new CancellationToken();
        Thread hook = new Thread(cancel::cancel);
        Runtime.getRuntime().addShutdownHook(hook);
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress)) {
            GraphIndex graph = in.model().graph();
            int[] edges = top == null ? allEdges(graph) : topEdges(ScoreJson.read(scores).scores(), graph, top);
            long start = System.nanoTime();
            double[][] effects;
            double metricClean;
            double metricCorrupted;
            try (EdgePatcher patcher = EdgePatcher.prepare(in.model(), in.pairs(), in.prompts().metric());
                 PatchCache cache = noCache ? null : PatchCache.forInputs(cacheDir == null ? PatchCache.defaultDirectory() : cacheDir,
                         modelOptions.model, prompts, in.prompts().metric())) {
                if (cache != null) {
                    progress.say("cache " + cache.file() + " (" + cache.size() + " results)");
                }
                effects = PatchingSweep.run(patcher, graph, edges, new double[] {1.0}, cache, progress, cancel);
                metricClean = patcher.metricClean();
                metricCorrupted = patcher.metricCorrupted();
            }
            float[] values = new float[graph.edgeCount()];
            java.util.Arrays.fill(values, Float.NaN);
            for (int i = 0; i < edges.length; i++) {
                values[edges[i]] = (float) effects[i][0];
                if (!Float.isFinite(values[edges[i]])) {
                    // An edge left out of the file means "not patched"; a failed patch must not pass for one.
                    throw new IllegalStateException("patching " + graph.edgeName(edges[i]) + " gave " + values[edges[i]]
                            + "; nothing written to " + out);
                }
            }
            Map<String, Double> timing = new LinkedHashMap<>();
            timing.put("load", in.loadMillis());
            timing.put("patching", (System.nanoTime() - start) / 1e6);
            ScoreMetadata metadata = in.describe("activation-patching", modelOptions, prompts, timing);
            ScoreJson.writeComputedEdges(out, new ScoreFile(modelOptions.model.toString(), prompts.toString(), in.prompts().metric().jsonName(),
                    in.prompts().size(), in.model().deviceDescription(), metricClean, metricCorrupted, timing, new EdgeScores(graph, values)),
                    metadata);
            progress.say("wrote " + out + " (" + edges.length + " edges patched)");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        return 0;
    }

    private static int[] allEdges(GraphIndex graph) {
        int[] all = new int[graph.edgeCount()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    private static int[] topEdges(EdgeScores scores, GraphIndex graph, int n) {
        if (!scores.graph().sameShape(graph)) {
            throw new IllegalArgumentException("the score file is for " + scores.graph().describe() + ", the model has " + graph.describe());
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--top must be positive, got " + n);
        }
        ScoreRanking ranking = ScoreRanking.of(scores);
        return ranking.topEdges(Math.min(n, ranking.scoredCount())).stream().toArray();
    }
}
