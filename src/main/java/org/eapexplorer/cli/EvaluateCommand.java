package org.eapexplorer.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.eapexplorer.eval.EdgeRoc;
import org.eapexplorer.eval.EdgeRoles;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.RocCurve;
import org.eapexplorer.eval.RocPoint;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.model.GraphIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "ROC curves and AUC of a score file against a ground-truth circuit, edge- and node-level, in both conventions (auto-circuit's and ACDC's).")
final class EvaluateCommand implements Callable<Integer>, WritesFiles {

    @Option(names = "--scores", required = true, paramLabel = "FILE") Path scores;

    @Option(names = "--truth", required = true, paramLabel = "FILE|NAME", converter = ShippedName.Truth.class,
            description = "ground-truth circuit, or a shipped one by name, e.g. ioi.json ('list' names them)") Path truth;

    @Option(names = "--circuits", arity = "1..*", paramLabel = "FILE",
            description = "circuit files (e.g. acdc's output at several --tau): their in_graph edges give one ROC point each, "
                    + "and the curve through them (the paper's ACDC curves)") List<Path> circuits;

    @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

    @Override
    public List<OutputGuard.Output> outputs() {
        return java.util.Arrays.asList(OutputGuard.Output.file("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        List<OutputGuard.Input> in = new ArrayList<>(java.util.Arrays.asList(OutputGuard.Input.of("--scores", scores), OutputGuard.Input.of("--truth", truth)));
        if (circuits != null) {
            circuits.forEach(c -> in.add(OutputGuard.Input.of("--circuits", c)));
        }
        return in;
    }

    @Override
    public Integer call() throws Exception {
        ScoreFile file = ScoreJson.read(scores);
        TruthEdges t = TruthEdges.read(truth, file.scores().graph());
        JsonObject json = new JsonObject();
        json.addProperty("scores", scores.toString());
        json.addProperty("truth", truth.toString());
        json.addProperty("true_edges", t.edges().cardinality());
        json.addProperty("true_qkv_input_edges", t.directReceivers().cardinality());
        JsonObject edges = new JsonObject();
        JsonObject nodes = new JsonObject();
        for (RocConvention c : RocConvention.values()) {
            RocCurve e = EdgeRoc.edges(file.scores(), t.edges(), t.directReceivers(), c);
            RocCurve n = EdgeRoc.nodes(file.scores(), t.edges(), c);
            edges.add(key(c), toJson(e));
            nodes.add(key(c), toJson(n));
            System.out.printf("%-13s edge AUC %.4f (%d true of %d)   node AUC %.4f (%d true of %d)%n", key(c), e.auc(), e.positives(),
                    e.positives() + e.negatives(), n.auc(), n.positives(), n.positives() + n.negatives());
        }
        json.add("edges", edges);
        json.add("nodes", nodes);
        if (circuits != null) {
            json.add("circuits", circuitsRoc(file.scores().graph(), t));
        }
        JsonArray roles = new JsonArray();
        for (EdgeRoles.Role role : EdgeRoles.of(file.scores(), t, false)) {
            JsonObject r = new JsonObject();
            r.addProperty("role", role.name());
            r.addProperty("edges", role.scores().length);
            r.addProperty("mean", role.mean());
            r.addProperty("std", role.std());
            roles.add(r);
            System.out.printf("  %-20s %5d edges from its heads: mean %+.4f, std %.4f%n", role.name(), role.scores().length, role.mean(), role.std());
        }
        json.add("roles", roles);
        FiniteJson.writePretty(out, json);
        return 0;
    }

    /** One point per circuit file, then the curve through them in both conventions. */
    private JsonObject circuitsRoc(GraphIndex graph, TruthEdges t) throws java.io.IOException {
        List<BitSet> kept = new ArrayList<>();
        double[] order = new double[circuits.size()];
        JsonArray files = new JsonArray();
        for (int i = 0; i < circuits.size(); i++) {
            BitSet k = ScoreJson.readInGraph(circuits.get(i), graph);
            kept.add(k);
            order[i] = i;
            JsonObject f = new JsonObject();
            f.addProperty("file", circuits.get(i).toString());
            f.addProperty("kept_edges", k.cardinality());
            for (RocConvention c : RocConvention.values()) {
                RocPoint p = EdgeRoc.point(graph, k, t.edges(), t.directReceivers(), c);
                JsonObject point = new JsonObject();
                point.addProperty("fpr", p.fpr());
                point.addProperty("tpr", p.tpr());
                f.add(key(c), point);
            }
            files.add(f);
        }
        JsonObject o = new JsonObject();
        o.add("files", files);
        for (RocConvention c : RocConvention.values()) {
            RocCurve curve = EdgeRoc.circuits(graph, kept, order, t.edges(), t.directReceivers(), c);
            o.add(key(c), toJson(curve));
            System.out.printf("%-13s circuits' AUC %.4f over %d circuits%n", key(c), curve.auc(), kept.size());
        }
        return o;
    }

    private static String key(RocConvention c) {
        return c == RocConvention.ACDC ? "acdc" : "auto_circuit";
    }

    private static JsonObject toJson(RocCurve curve) {
        JsonObject o = new JsonObject();
        o.addProperty("convention", curve.convention().description());
        o.addProperty("auc", curve.auc());
        o.addProperty("positives", curve.positives());
        o.addProperty("negatives", curve.negatives());
        JsonArray fpr = new JsonArray();
        JsonArray tpr = new JsonArray();
        JsonArray thr = new JsonArray();
        for (int i = 0; i < curve.size(); i++) {
            fpr.add(curve.fpr()[i]);
            tpr.add(curve.tpr()[i]);
            thr.add(Double.isInfinite(curve.thresholds()[i]) ? null : curve.thresholds()[i]);
        }
        o.add("fpr", fpr);
        o.add("tpr", tpr);
        o.add("thresholds", thr);
        return o;
    }
}
