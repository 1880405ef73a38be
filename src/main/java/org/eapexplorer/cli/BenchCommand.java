package org.eapexplorer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.EapResult;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time a forward pass, a full scoring pass (EAP, or --method) and its scoring step on a model and prompt file (medians of N runs after warm-up).")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;
    @Option(names = "--pairs", paramLabel = "N", description = "use the first N pairs (default: all)") Integer pairs;
    @Option(names = "--batch-size", defaultValue = "100", paramLabel = "N") int batchSize;
    @Option(names = "--runs", defaultValue = "5", paramLabel = "N") int runs;
    @Option(names = "--warmup", defaultValue = "1", paramLabel = "N") int warmup;

    @Override
    public Integer call() throws Exception {
        MethodSpec method = methodOptions.spec();
        Counts.positive("--pairs", pairs);
        Counts.positive("--batch-size", batchSize);
        Counts.positive("--runs", runs);
        Counts.notNegative("--warmup", warmup);
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, new StderrProgress())) {
            LanguageModel model = in.model();
            PromptSet set = in.prompts();
            double load = in.loadMillis();
            List<TokenizedPair> all = in.pairs();
            List<TokenizedPair> used = pairs == null ? all : all.subList(0, Math.min(pairs, all.size()));
            int tokens = used.stream().mapToInt(TokenizedPair::length).max().orElse(0);
            System.err.printf("bench: %s, %s on %s, %d pairs (≤ %d tokens), batch %d, %d runs after %d warm-up%n", method.describe(),
                    modelOptions.model, model.deviceDescription(), used.size(), tokens, batchSize, runs, warmup);
            List<Double> forward = new ArrayList<>();
            List<Double> eap = new ArrayList<>();
            List<Double> scoring = new ArrayList<>();
            List<Double> backward = new ArrayList<>();
            EapAttributor attributor = new EapAttributor(model);
            for (int run = 0; run < warmup + runs; run++) {
                long t0 = System.nanoTime();
                for (int from = 0; from < used.size(); from += batchSize) {
                    List<int[]> batch = used.subList(from, Math.min(used.size(), from + batchSize)).stream().map(TokenizedPair::clean).toList();
                    model.lastTokenLogits(batch);
                }
                double f = (System.nanoTime() - t0) / 1e6;
                EapResult r = attributor.run(used, set.metric(), method, batchSize, ProgressListener.NONE, CancellationToken.NEVER);
                if (run >= warmup) {
                    forward.add(f);
                    eap.add(r.totalMillis());
                    scoring.add(r.scoringMillis());
                    backward.add(r.backwardMillis());
                }
                System.err.printf("  run %d%s: forward %.0f ms, EAP %.0f ms (backward %.0f, scoring %.0f)%n", run + 1,
                        run < warmup ? " (warm-up)" : "", f, r.totalMillis(), r.backwardMillis(), r.scoringMillis());
            }
            double mf = median(forward);
            double me = median(eap);
            long peak = peakRssKiB();
            System.out.printf("forward   median %8.1f ms%n", mf);
            System.out.printf("%-9s median %8.1f ms   (t/t(forward) = %.2f)%n", method.method().cliName(), me, me / mf);
            System.out.printf("  backward median %7.1f ms%n", median(backward));
            System.out.printf("  scoring  median %7.1f ms%n", median(scoring));
            System.out.printf("peak RSS  %8.0f MiB%n", peak / 1024.0);
            System.out.printf("{\"method\": \"%s\", \"steps\": %d, \"device\": \"%s\", \"pairs\": %d, \"max_tokens\": %d, \"batch_size\": %d, \"runs\": %d, \"load_ms\": %.1f, "
                            + "\"forward_ms\": %.1f, \"eap_ms\": %.1f, \"backward_ms\": %.1f, \"scoring_ms\": %.1f, \"ratio\": %.3f, \"peak_rss_mib\": %.0f}%n",
                    method.method().cliName(), method.steps(), model.deviceDescription(), used.size(), tokens, batchSize, runs, load, mf, me, median(backward), median(scoring), me / mf, peak / 1024.0);
        }
        return 0;
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** VmHWM of this process (Linux), 0 where /proc is not there. */
    static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
