package org.eapexplorer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.io.ScoreJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "hybrid", mixinStandardHelpOptions = true,
        description = "The EAP→ACDC hybrid over a grid of EAP sizes and ACDC thresholds, scored against a ground truth (TPR, FPR, Youden's J): the paper's Figures 5 and 8.")
final class HybridCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;
    @Option(names = "--scores", required = true, paramLabel = "FILE", description = "the score file of any method (eap, eap-ig-inputs, clean-corrupted) whose top edges ACDC starts from") Path scores;
    @Option(names = "--truth", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Truth.class,
            description = "ground-truth circuit, or a shipped one by name, e.g. ioi.json ('list' names them)") Path truth;
    @Option(names = "--eap-sizes", required = true, split = ",", paramLabel = "K1,K2,…", description = "EAP's top-k sizes") List<Integer> sizes;
    @Option(names = "--taus", required = true, split = ",", paramLabel = "T1,T2,…", description = "ACDC thresholds") List<Double> taus;
    @Option(names = "--score", defaultValue = "kl", paramLabel = "kl|task") String score;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(modelOptions.input(), OutputGuard.Input.of("--prompts", prompts), OutputGuard.Input.of("--scores", scores), OutputGuard.Input.of("--truth", truth));
    }

    @Override
    public Integer call() throws Exception {
        AcdcScore kind = score.toLowerCase(Locale.ROOT).equals("task") ? AcdcScore.TASK : AcdcScore.KL;
        sizes.forEach(k -> Counts.positive("--eap-sizes", k));
        for (double tau : taus) {
            if (!Double.isFinite(tau)) {
                throw new IllegalArgumentException("--taus must be finite numbers, got " + tau);
            }
        }
        StderrProgress progress = new StderrProgress();
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress)) {
            ScoreRanking ranking = ScoreRanking.of(ScoreJson.read(scores).scores());
            TruthEdges t = TruthEdges.read(truth, in.model().graph());
            HybridGrid.Result grid;
            try (CircuitRunner runner = CircuitRunner.prepare(in.model(), in.pairs(), in.prompts().metric())) {
                grid = HybridGrid.run(runner, ranking, sizes.stream().mapToInt(Integer::intValue).toArray(),
                        taus.stream().mapToDouble(Double::doubleValue).toArray(), kind, t.edges(), progress, CancellationToken.NEVER);
            }
            JsonObject json = new JsonObject();
            json.addProperty("score", kind.name().toLowerCase(Locale.ROOT));
            JsonArray cells = new JsonArray();
            for (int i = 0; i < grid.eapEdges().length; i++) {
                System.out.printf("EAP top %5d alone: TPR %.3f FPR %.4f J %.3f%n", grid.eapEdges()[i], grid.eapOnlyTpr()[i], grid.eapOnlyFpr()[i],
                        grid.eapOnlyTpr()[i] - grid.eapOnlyFpr()[i]);
                for (HybridGrid.Cell c : grid.cells()[i]) {
                    JsonObject o = new JsonObject();
                    o.addProperty("eap_edges", c.eapEdges());
                    o.addProperty("tau", c.tau());
                    o.addProperty("kept_edges", c.keptEdges());
                    o.addProperty("tpr", c.tpr());
                    o.addProperty("fpr", c.fpr());
                    o.addProperty("youden_j", c.youdenJ());
                    o.addProperty("forward_passes", c.forwardPasses());
                    JsonArray edges = new JsonArray();
                    c.edges().stream().forEach(e -> edges.add(in.model().graph().edgeName(e)));
                    o.add("edges", edges);
                    cells.add(o);
                    System.out.printf("   + ACDC τ=%-8s kept %5d: TPR %.3f FPR %.4f J %.3f%n", AcdcSweep.plain(c.tau()), c.keptEdges(), c.tpr(), c.fpr(), c.youdenJ());
                }
            }
            json.add("cells", cells);
            FiniteJson.writePretty(out, json);
        }
        return 0;
    }
}
