package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.EapResult;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.CompactScores;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.NodeScores;
import org.eapexplorer.model.ScoreLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every edge of the model's graph (EAP, EAP-IG or clean-corrupted) and write the scores as JSON.")
final class ScoreCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)")
    Path prompts;

    @Mixin
    MethodOptions methodOptions = new MethodOptions();

    @Option(names = "--level", defaultValue = "edge", paramLabel = "LEVEL",
            description = "edge (default) or node: node also writes each node's score (EAP-IG's node level: the sum of its out-edges)")
    String level;

    @Option(names = "--batch-size", defaultValue = "20", paramLabel = "N", description = "pairs per forward/backward batch (default: ${DEFAULT-VALUE}); the scores do not depend on it")
    int batchSize;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "score file to write (EAP-IG-compatible JSON, or see --format)")
    Path out;

    @Option(names = "--format", defaultValue = "json", paramLabel = "FORMAT",
            description = "json (default: EAP-IG's Graph JSON) or compact (a JSON header and float32 scores: a million-edge graph in "
                    + "milliseconds and 4 bytes an edge); every command and File → Open reads either")
    String format;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(modelOptions.input(), OutputGuard.Input.of("--prompts", prompts));
    }

    @Override
    public Integer call() throws Exception {
        MethodSpec method = methodOptions.spec();
        if (!format.equals("json") && !format.equals("compact")) {
            throw new IllegalArgumentException("--format must be json or compact, got " + format);
        }
        ScoreLevel scoreLevel = ScoreLevel.parse(level);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("--batch-size must be positive, got " + batchSize);
        }
        StderrProgress progress = new StderrProgress();
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress, method)) {
            long eapStart = System.nanoTime();
            EapResult result = new EapAttributor(in.model()).run(in.pairs(), in.prompts().metric(), method, batchSize, progress,
                    CancellationToken.NEVER);
            double eapMillis = (System.nanoTime() - eapStart) / 1e6;
            Map<String, Double> timing = new LinkedHashMap<>();
            timing.put("load", in.loadMillis());
            timing.put("eap", eapMillis);
            timing.put("forward", result.forwardMillis());
            timing.put("backward", result.backwardMillis());
            timing.put("scoring", result.scoringMillis());
            ScoreMetadata metadata = in.describe(method, scoreLevel, modelOptions, prompts, timing);
            ScoreFile file = new ScoreFile(modelOptions.model.toString(), prompts.toString(), in.prompts().metric().jsonName(),
                    in.prompts().size(), in.model().deviceDescription(), result.metricClean(), result.metricCorrupted(), timing, result.scores());
            NodeScores nodes = scoreLevel == ScoreLevel.NODE ? NodeScores.ofEdges(result.scores()) : null;
            if (format.equals("compact")) {
                CompactScores.writeComputed(out, file, metadata, nodes);
            } else {
                ScoreJson.writeComputed(out, file, metadata, nodes);
            }
            progress.say(String.format("%s: metric clean %.4f, corrupted %.4f; %d pairs in %.0f ms; wrote %s", method.describe(),
                    result.metricClean(), result.metricCorrupted(), in.prompts().size(), eapMillis, out));
        }
        return 0;
    }
}
