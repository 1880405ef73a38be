package org.eapexplorer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.eval.Faithfulness;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.MibCircuitMetrics;
import org.eapexplorer.eval.MibCurve;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.EdgeScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "faithfulness", mixinStandardHelpOptions = true,
        description = "The metric with only the top-k edges of a score file intact (everything else patched to the corrupted run), for k from 0 to all edges; "
                + "and MIB's CPR (area under the normalised faithfulness, edges ranked by signed score) and CMD (area of |1 - f|, ranked by |score|) "
                + "at 0.1 %% to 100 %% of the edges.")
final class FaithfulnessCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;
    @Option(names = "--scores", required = true, paramLabel = "FILE", description = "score file ranking the edges") Path scores;
    @Option(names = "--points", defaultValue = "20", paramLabel = "N", description = "points on the curve, log-spaced (default: ${DEFAULT-VALUE})") int points;
    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(modelOptions.input(), OutputGuard.Input.of("--prompts", prompts), OutputGuard.Input.of("--scores", scores));
    }

    @Override
    public Integer call() throws Exception {
        // The empty and the full circuit at least; past 100000 a curve has no more to show (GPT-2 small has 32491 edges).
        Counts.between("--points", points, 2, 100_000);
        StderrProgress progress = new StderrProgress();
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress)) {
            EdgeScores s = ScoreJson.read(scores).scores();
            if (!s.graph().sameShape(in.model().graph())) {
                throw new IllegalArgumentException(scores + " is for another model shape (" + s.graph().describe() + ", the model has "
                        + in.model().graph().describe() + ")");
            }
            ScoreRanking ranking = ScoreRanking.of(s);
            FaithfulnessCurve curve;
            MibCurve cpr;
            MibCurve cmd;
            try (CircuitRunner runner = CircuitRunner.prepare(in.model(), in.pairs(), in.prompts().metric())) {
                curve = Faithfulness.curve(runner, ranking, Faithfulness.logSpacedCounts(ranking.scoredCount(), points), progress,
                        CancellationToken.NEVER);
                cpr = MibCircuitMetrics.cpr(runner, s, progress, CancellationToken.NEVER);
                cmd = MibCircuitMetrics.cmd(runner, ranking, progress, CancellationToken.NEVER);
            }
            JsonObject json = new JsonObject();
            json.addProperty("scores", scores.toString());
            json.addProperty("metric", in.prompts().metric().jsonName());
            json.addProperty("metric_full", curve.metricFull());
            json.addProperty("metric_empty", curve.metricEmpty());
            JsonArray rows = new JsonArray();
            for (int i = 0; i < curve.size(); i++) {
                JsonObject row = new JsonObject();
                row.addProperty("edges", curve.edgeCounts()[i]);
                row.addProperty("metric", curve.metric()[i]);
                // Ratios to metric_full (or to full − empty) have no value when that is 0: null, not NaN.
                row.add("fraction", ratio(curve.fraction(i)));
                row.add("normalized", ratio(curve.normalized(i)));
                rows.add(row);
                System.out.printf("%6d edges  metric %10.4f  fraction %7.3f  normalised %7.3f%n", curve.edgeCounts()[i], curve.metric()[i],
                        curve.fraction(i), curve.normalized(i));
            }
            json.add("points", rows);
            json.addProperty("edges", s.graph().edgeCount());
            JsonObject mib = new JsonObject();
            JsonArray fractions = new JsonArray();
            for (double f : MibCircuitMetrics.FRACTIONS) {
                fractions.add(f);
            }
            mib.add("fractions", fractions);
            mib.add("cpr", mibJson(cpr));
            mib.add("cmd", mibJson(cmd));
            json.add("mib", mib);
            System.out.printf("MIB: CPR %.4f (edges ranked by signed score), CMD %.4f (by |score|)%n", cpr.area(), cmd.area());
            FiniteJson.writePretty(out, json);
        }
        return 0;
    }

    private static com.google.gson.JsonElement ratio(double v) {
        return Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v) : com.google.gson.JsonNull.INSTANCE;
    }

    /** One of MIB's areas with the ranking it used and f at each fraction (MibCircuitMetrics says what was matched). */
    private static JsonObject mibJson(MibCurve m) {
        JsonObject o = new JsonObject();
        o.addProperty("ranking", m.ranking());
        o.add("area", ratio(m.area()));
        JsonArray rows = new JsonArray();
        for (int i = 0; i < m.fractions().length; i++) {
            JsonObject row = new JsonObject();
            row.addProperty("fraction", m.fractions()[i]);
            row.addProperty("edges", m.curve().edgeCounts()[i]);
            row.addProperty("metric", m.curve().metric()[i]);
            row.add("faithfulness", ratio(m.faithfulness(i)));
            rows.add(row);
        }
        o.add("points", rows);
        return o;
    }
}
