package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.eval.Acdc;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "acdc", mixinStandardHelpOptions = true,
        description = "ACDC's circuit search (optionally restricted to EAP's top edges: the EAP→ACDC hybrid). Writes the score-file shape: "
                + "each tried edge's score is how much removing it raised the score ACDC minimises; in_graph marks the circuit.")
final class AcdcCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;
    @Option(names = "--tau", required = true, paramLabel = "T", description = "keep an edge removed when the score rises by less than T") double tau;
    @Option(names = "--score", defaultValue = "kl", paramLabel = "kl|task", description = "what to minimise: KL(clean‖circuit) or the negated task metric (default: ${DEFAULT-VALUE})") String score;
    @Option(names = "--restrict", paramLabel = "FILE", description = "a score file of any method (eap, eap-ig-inputs, clean-corrupted): start from its --top-k edges only") Path restrict;
    @Option(names = "--top-k", paramLabel = "N") Integer topK;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(modelOptions.input(), OutputGuard.Input.of("--prompts", prompts), OutputGuard.Input.of("--restrict", restrict));
    }

    @Override
    public Integer call() throws Exception {
        if ((restrict == null) != (topK == null)) {
            throw new IllegalArgumentException("--restrict and --top-k go together");
        }
        Counts.positive("--top-k", topK);
        if (!Double.isFinite(tau)) {
            throw new IllegalArgumentException("--tau must be a finite number, got " + tau);
        }
        AcdcScore kind = switch (score.toLowerCase(Locale.ROOT)) {
            case "kl" -> AcdcScore.KL;
            case "task" -> AcdcScore.TASK;
            default -> throw new IllegalArgumentException("--score must be kl or task, not " + score);
        };
        StderrProgress progress = new StderrProgress();
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress)) {
            GraphIndex graph = in.model().graph();
            BitSet start = null;
            if (restrict != null) {
                EdgeScores eap = ScoreJson.read(restrict).scores();
                if (!eap.graph().sameShape(graph)) {
                    throw new IllegalArgumentException(restrict + " is for another model shape (" + eap.graph().describe() + ", the model has "
                            + graph.describe() + ")");
                }
                start = ScoreRanking.of(eap).topEdges(topK);
            }
            long t0 = System.nanoTime();
            AcdcResult result;
            double metricClean;
            double metricCorrupted;
            try (CircuitRunner runner = CircuitRunner.prepare(in.model(), in.pairs(), in.prompts().metric())) {
                result = Acdc.run(runner, graph, kind, tau, start, progress, CancellationToken.NEVER);
                metricClean = runner.metricClean();
                metricCorrupted = runner.metricCorrupted();
            }
            Map<String, Double> timing = new LinkedHashMap<>();
            timing.put("load", in.loadMillis());
            timing.put("acdc", (System.nanoTime() - t0) / 1e6);
            timing.put("forward_passes", (double) result.forwardPasses());
            ScoreMetadata metadata = in.describe("acdc", modelOptions, prompts, timing);
            ScoreJson.write(out, new ScoreFile(modelOptions.model.toString(), prompts.toString(), in.prompts().metric().jsonName(),
                    in.prompts().size(), in.model().deviceDescription(), metricClean, metricCorrupted, timing,
                    new EdgeScores(graph, result.removalEffects())), result.kept(), metadata);
            progress.say(String.format("ACDC (%s, τ=%s): %d of %d edges kept after %d forward passes; wrote %s", kind, AcdcSweep.plain(tau),
                    result.kept().cardinality(), start == null ? graph.edgeCount() : start.cardinality(), result.forwardPasses(), out));
        }
        return 0;
    }
}
