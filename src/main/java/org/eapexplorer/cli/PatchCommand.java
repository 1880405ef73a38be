package org.eapexplorer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.EapResult;
import org.eapexplorer.attribution.PatchingSweep;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.model.GraphIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "patch", mixinStandardHelpOptions = true,
        description = "λ-interpolation curves of exact edge patching: the metric change when v's input moves by λ·(u_corrupted − u_clean), with each edge's EAP score (the curve's slope at λ = 0).")
final class PatchCommand implements Callable<Integer>, WritesFiles {

    @Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--prompts", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Prompts.class,
            description = "prompt pairs, JSON Lines (see sample-prompts/README.md), or a shipped prompt set by name, e.g. induction.jsonl ('list' names them)") Path prompts;

    @Option(names = "--edges", required = true, split = ",", paramLabel = "E1,E2,…", description = "edges by name, e.g. a0.h1->a1.h2<k>,m0->logits")
    List<String> edges;

    @Option(names = "--lambdas", split = ",", paramLabel = "L1,L2,…", description = "λ values (default: 21 points 0, 0.05, …, 1)")
    List<Double> lambdas;

    @Option(names = "--batch-size", defaultValue = "20", paramLabel = "N", description = "pairs per EAP batch (default: ${DEFAULT-VALUE})") int batchSize;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

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
        double[] lam = lambdas == null ? defaultLambdas() : lambdas.stream().mapToDouble(Double::doubleValue).toArray();
        for (double l : lam) {
            if (!Double.isFinite(l)) {
                throw new IllegalArgumentException("--lambdas: " + l + " is not a λ; give finite numbers such as 0,0.5,1 (0 is the clean run, 1 the corrupted input)");
            }
        }
        Counts.positive("--batch-size", batchSize);
        StderrProgress progress = new StderrProgress();
        try (LoadedInputs in = LoadedInputs.load(modelOptions, prompts, progress)) {
            GraphIndex graph = in.model().graph();
            int[] indices = new int[edges.size()];
            for (int i = 0; i < indices.length; i++) {
                OptionalInt index = graph.edgeIndex(edges.get(i).trim());
                if (index.isEmpty()) {
                    throw new IllegalArgumentException("no edge '" + edges.get(i) + "' in a graph of " + graph.describe()
                            + " (names look like a0.h1->a1.h2<k>, input->m0, m1->logits)");
                }
                indices[i] = index.getAsInt();
            }
            EapResult eap = new EapAttributor(in.model()).run(in.pairs(), in.prompts().metric(), batchSize, progress, CancellationToken.NEVER);
            double[][] curves;
            double metricClean;
            double metricCorrupted;
            try (EdgePatcher patcher = EdgePatcher.prepare(in.model(), in.pairs(), in.prompts().metric())) {
                curves = PatchingSweep.run(patcher, graph, indices, lam, null, progress, CancellationToken.NEVER);
                metricClean = patcher.metricClean();
                metricCorrupted = patcher.metricCorrupted();
            }
            JsonObject json = new JsonObject();
            json.addProperty("model", modelOptions.model.toString());
            json.addProperty("prompts", prompts.toString());
            json.addProperty("metric", in.prompts().metric().jsonName());
            json.addProperty("metric_clean", metricClean);
            json.addProperty("metric_corrupted", metricCorrupted);
            JsonArray lamJson = new JsonArray();
            for (double l : lam) {
                lamJson.add(l);
            }
            json.add("lambdas", lamJson);
            JsonObject curveJson = new JsonObject();
            JsonObject slopes = new JsonObject();
            for (int i = 0; i < indices.length; i++) {
                JsonArray row = new JsonArray();
                for (double v : curves[i]) {
                    row.add(v);
                }
                curveJson.add(graph.edgeName(indices[i]), row);
                slopes.addProperty(graph.edgeName(indices[i]), eap.scores().score(indices[i]));
            }
            json.add("curves", curveJson);
            json.add("eap_scores", slopes);
            FiniteJson.writePretty(out, json);
            progress.say("wrote " + out);
        }
        return 0;
    }

    static double[] defaultLambdas() {
        double[] l = new double[21];
        for (int i = 0; i < l.length; i++) {
            l[i] = i / 20.0;
        }
        return l;
    }
}
