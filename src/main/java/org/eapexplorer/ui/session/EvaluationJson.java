package org.eapexplorer.ui.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eapexplorer.eval.AcdcResult;
import org.eapexplorer.eval.AcdcScore;
import org.eapexplorer.eval.AcdcSweep;
import org.eapexplorer.eval.FaithfulnessCurve;
import org.eapexplorer.eval.HybridGrid;
import org.eapexplorer.eval.RocConvention;
import org.eapexplorer.eval.TruthEdges;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.ui.eval.HybridFigure;
import org.eapexplorer.ui.eval.NamedCircuit;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.MethodEstimate;
import org.eapexplorer.ui.patching.PatchScatter;

/**
 * The evaluation sections of a session file (version 2), each present only when computed:
 * <pre>
 * "truth": {"source": "ioi.json", "file": "/…/ioi.json", "edges": [names], "direct_receivers": ["a9.h9&lt;q&gt;"],
 *           "head_classes": {"name mover": ["a9.h9"]}},
 * "roc_convention": "auto_circuit" | "acdc",
 * "acdc": [{"score": "kl" | "task", "circuits": [{"tau": 0.01, "forward_passes": 2000, "final_score": 0.05,
 *           "kept_edges": [names], "removal_effects": {name: effect of each edge tried}}]}],
 * "faithfulness": {"edge_counts": [], "metric": [], "metric_full": 3.1, "metric_empty": 0.2},
 * "patching_scatter": [{"edge": name, "eap": 0.1, "patched": 0.12}],
 * "lambda_curves": [{"edge": name, "eap_score": 0.1 | null, "lambdas": [], "effects": [],
 *                    "estimate": {"method": "eap-ig-inputs", "steps": 5, "score": 0.3},
 *                    "pinned": true}],  (estimate optional; pinned only when pinned, absent in older sessions)
 * "shown_circuit": {"label": "ACDC (KL) τ 0.01", "edges": [names]},
 * "mib": {"cpr": {…}, "cmd": {…}} (see {@link MibJson}),
 * "hybrid": {"score": "kl", "truth_source": "ioi.json", "truth_edges": [names], "eap_edges": [], "taus": [],
 *            "eap_only_tpr": [], "eap_only_fpr": [], "cells": [[{"kept_edges", "tpr", "fpr", "forward_passes"}]]}
 * </pre>
 * Edges are named as EAP names them, never numbered; what follows from these (ROC curves, AUCs, correlations,
 * EAP's curve under the hybrid) is recomputed on reading.
 */
final class EvaluationJson {

    private EvaluationJson() {
    }

    static void write(JsonObject root, Evaluation ev, GraphIndex graph) {
        MibJson.write(root, ev.mib());
        if (ev.truth() != null) {
            root.add("truth", truth(ev.truth(), ev.truthFile(), graph));
        }
        if (ev.convention() != null) {
            root.addProperty("roc_convention", ev.convention().name().toLowerCase(Locale.ROOT));
        }
        if (!ev.acdc().isEmpty()) {
            JsonArray sweeps = new JsonArray();
            ev.acdc().forEach(s -> sweeps.add(sweep(s, graph)));
            root.add("acdc", sweeps);
        }
        if (ev.faithfulness() != null) {
            FaithfulnessCurve f = ev.faithfulness();
            JsonObject o = new JsonObject();
            o.add("edge_counts", ints(f.edgeCounts()));
            o.add("metric", doubles(f.metric()));
            o.addProperty("metric_full", f.metricFull());
            o.addProperty("metric_empty", f.metricEmpty());
            root.add("faithfulness", o);
        }
        if (ev.scatter() != null) {
            PatchScatter s = ev.scatter();
            JsonArray points = new JsonArray();
            for (int i = 0; i < s.size(); i++) {
                JsonObject p = new JsonObject();
                p.addProperty("edge", graph.edgeName(s.edges()[i]));
                p.addProperty("eap", s.eap()[i]);
                p.addProperty("patched", s.patched()[i]);
                points.add(p);
            }
            root.add("patching_scatter", points);
        }
        if (!ev.lambdaCurves().isEmpty()) {
            JsonArray curves = new JsonArray();
            for (LambdaCurve c : ev.lambdaCurves()) {
                JsonObject o = new JsonObject();
                o.addProperty("edge", graph.edgeName(c.edge()));
                o.addProperty("eap_score", c.hasEapScore() ? c.eapScore() : null);  // null: no EAP result on these prompts
                o.add("lambdas", doubles(c.lambdas()));
                o.add("effects", doubles(c.effects()));
                if (c.estimate() != null) {
                    JsonObject e = new JsonObject();
                    e.addProperty("method", c.estimate().method().method().cliName());
                    if (c.estimate().method().method().usesSteps()) {
                        e.addProperty("steps", c.estimate().method().steps());
                    }
                    e.addProperty("score", c.estimate().slope());
                    o.add("estimate", e);
                }
                if (c.pinned()) {
                    o.addProperty("pinned", true);
                }
                curves.add(o);
            }
            root.add("lambda_curves", curves);
        }
        if (ev.hybrid() != null) {
            root.add("hybrid", hybrid(ev.hybrid(), graph));
        }
        if (ev.shown() != null) {
            JsonObject o = new JsonObject();
            o.addProperty("label", ev.shown().label());
            o.add("edges", names(ev.shown().edges(), graph));
            root.add("shown_circuit", o);
        }
    }

    private static JsonObject truth(TruthEdges t, Path file, GraphIndex graph) {
        JsonObject o = new JsonObject();
        o.addProperty("source", t.source());
        if (file != null) {
            o.addProperty("file", file.toAbsolutePath().toString());
        }
        o.add("edges", names(t.edges(), graph));
        JsonArray direct = new JsonArray();
        t.directReceivers().stream().forEach(r -> direct.add(graph.receivers().get(r).name()));
        o.add("direct_receivers", direct);
        JsonObject classes = new JsonObject();
        t.headClasses().forEach((role, heads) -> {
            JsonArray a = new JsonArray();
            heads.forEach(a::add);
            classes.add(role, a);
        });
        o.add("head_classes", classes);
        return o;
    }

    private static JsonObject sweep(AcdcSweep s, GraphIndex graph) {
        JsonObject o = new JsonObject();
        o.addProperty("score", s.score().name().toLowerCase(Locale.ROOT));
        JsonArray circuits = new JsonArray();
        for (AcdcResult r : s.results()) {
            JsonObject c = new JsonObject();
            c.addProperty("tau", r.tau());
            c.addProperty("forward_passes", r.forwardPasses());
            c.addProperty("final_score", r.finalScore());
            c.add("kept_edges", names(r.kept(), graph));
            JsonObject effects = new JsonObject();
            float[] e = r.removalEffects();
            for (int edge = 0; e != null && edge < e.length; edge++) {
                if (!Float.isNaN(e[edge])) {
                    effects.addProperty(graph.edgeName(edge), e[edge]);
                }
            }
            c.add("removal_effects", effects);
            circuits.add(c);
        }
        o.add("circuits", circuits);
        return o;
    }

    private static JsonObject hybrid(HybridFigure f, GraphIndex graph) {
        HybridGrid.Result g = f.grid();
        JsonObject o = new JsonObject();
        o.addProperty("score", f.score().name().toLowerCase(Locale.ROOT));
        o.addProperty("truth_source", f.truthSource());
        o.add("truth_edges", names(f.truth(), graph));
        o.add("eap_edges", ints(g.eapEdges()));
        o.add("taus", doubles(g.taus()));
        o.add("eap_only_tpr", doubles(g.eapOnlyTpr()));
        o.add("eap_only_fpr", doubles(g.eapOnlyFpr()));
        JsonArray rows = new JsonArray();
        for (HybridGrid.Cell[] row : g.cells()) {
            JsonArray cells = new JsonArray();
            for (HybridGrid.Cell c : row) {
                JsonObject cell = new JsonObject();
                cell.addProperty("kept_edges", c.keptEdges());
                cell.addProperty("tpr", c.tpr());
                cell.addProperty("fpr", c.fpr());
                cell.addProperty("forward_passes", c.forwardPasses());
                if (c.edges() != null) {
                    cell.add("edges", names(c.edges(), graph));
                }
                cells.add(cell);
            }
            rows.add(cells);
        }
        o.add("cells", rows);
        return o;
    }

    private static JsonArray names(BitSet edges, GraphIndex graph) {
        JsonArray a = new JsonArray();
        edges.stream().forEach(e -> a.add(graph.edgeName(e)));
        return a;
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        Arrays.stream(values).forEach(a::add);
        return a;
    }

    private static JsonArray doubles(double[] values) {
        JsonArray a = new JsonArray();
        Arrays.stream(values).forEach(a::add);
        return a;
    }

    /** The sections present in {@code root}, for a session whose scores are {@code scores}. */
    static Evaluation read(JsonObject root, EdgeScores scores, Path file) throws IOException {
        SectionReader in = new SectionReader(file, scores.graph());
        TruthEdges truth = null;
        Path truthFile = null;
        if (present(root, "truth")) {
            JsonObject t = in.object(root, "truth", "truth");
            truth = truth(in, t);
            truthFile = present(t, "file") ? Path.of(in.text(t, "file", "truth.file")) : null;
        }
        RocConvention convention = present(root, "roc_convention")
                ? choice(in, in.text(root, "roc_convention", "roc_convention"), RocConvention.class, "roc_convention") : null;
        List<AcdcSweep> sweeps = new ArrayList<>();
        if (present(root, "acdc")) {
            JsonArray a = in.array(root, "acdc", "acdc");
            for (int i = 0; i < a.size(); i++) {
                sweeps.add(sweep(in, in.object(a.get(i), "acdc[" + i + "]"), "acdc[" + i + "]"));
            }
        }
        FaithfulnessCurve faithfulness = null;
        if (present(root, "faithfulness")) {
            JsonObject f = in.object(root, "faithfulness", "faithfulness");
            int[] counts = in.integers(f, "edge_counts", "faithfulness.edge_counts");
            double[] metric = in.numbers(f, "metric", "faithfulness.metric");
            in.sameLength(counts.length, metric.length, "faithfulness.metric");
            faithfulness = new FaithfulnessCurve(counts, metric, in.number(f, "metric_full", "faithfulness.metric_full"),
                    in.number(f, "metric_empty", "faithfulness.metric_empty"));
        }
        PatchScatter scatter = present(root, "patching_scatter") ? scatter(in, in.array(root, "patching_scatter", "patching_scatter")) : null;
        List<LambdaCurve> curves = new ArrayList<>();
        if (present(root, "lambda_curves")) {
            JsonArray a = in.array(root, "lambda_curves", "lambda_curves");
            for (int i = 0; i < a.size(); i++) {
                curves.add(lambdaCurve(in, in.object(a.get(i), "lambda_curves[" + i + "]"), "lambda_curves[" + i + "]"));
            }
        }
        HybridFigure hybrid = present(root, "hybrid") ? hybrid(in, in.object(root, "hybrid", "hybrid"), scores) : null;
        NamedCircuit shown = null;
        if (present(root, "shown_circuit")) {
            JsonObject o = in.object(root, "shown_circuit", "shown_circuit");
            shown = new NamedCircuit(in.text(o, "label", "shown_circuit.label"), in.edges(o, "edges", "shown_circuit.edges"));
        }
        return new Evaluation(truth, truthFile, convention, sweeps, faithfulness, scatter, curves, hybrid, shown, MibJson.read(root, in));
    }

    private static boolean present(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull();
    }

    private static TruthEdges truth(SectionReader in, JsonObject t) throws IOException {
        BitSet direct = new BitSet(in.graph().receiverCount());
        JsonArray receivers = present(t, "direct_receivers") ? in.array(t, "direct_receivers", "truth.direct_receivers") : new JsonArray();
        for (JsonElement r : receivers) {
            String name = in.text(r, "truth.direct_receivers");
            direct.set(in.graph().receiverIndex(name).orElseThrow(() -> in.error("truth.direct_receivers",
                    "names receiver " + name + ", which is not in the graph (" + in.graph().describe() + ")")));
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        if (present(t, "head_classes")) {
            for (Map.Entry<String, JsonElement> c : in.object(t, "head_classes", "truth.head_classes").entrySet()) {
                String where = "truth.head_classes." + c.getKey();
                List<String> heads = new ArrayList<>();
                for (JsonElement h : in.array(c.getValue(), where)) {
                    heads.add(in.text(h, where));
                }
                classes.put(c.getKey(), List.copyOf(heads));
            }
        }
        return new TruthEdges(in.text(t, "source", "truth.source"), in.edges(t, "edges", "truth.edges"), direct, classes);
    }

    private static AcdcSweep sweep(SectionReader in, JsonObject o, String where) throws IOException {
        AcdcScore score = choice(in, in.text(o, "score", where + ".score"), AcdcScore.class, where + ".score");
        JsonArray circuits = in.array(o, "circuits", where + ".circuits");
        double[] taus = new double[circuits.size()];
        List<AcdcResult> results = new ArrayList<>();
        for (int i = 0; i < taus.length; i++) {
            String at = where + ".circuits[" + i + "]";
            JsonObject c = in.object(circuits.get(i), at);
            in.countCircuit(at);
            taus[i] = in.number(c, "tau", at + ".tau");
            // One float per edge of the graph for every circuit with effects: allocated only where the file lists
            // some, and for a bounded number of circuits, so that a short file cannot ask for gigabytes.
            float[] effects = null;
            JsonObject listed = present(c, "removal_effects") ? in.object(c, "removal_effects", at + ".removal_effects") : new JsonObject();
            if (listed.size() > 0) {
                in.countEffectTable(at + ".removal_effects");
                effects = new float[in.graph().edgeCount()];
                Arrays.fill(effects, Float.NaN);
                for (Map.Entry<String, JsonElement> e : listed.entrySet()) {
                    effects[in.edge(e.getKey(), at + ".removal_effects")] = in.floatNumber(e.getValue(), at + ".removal_effects." + e.getKey());
                }
            }
            results.add(new AcdcResult(in.edges(c, "kept_edges", at + ".kept_edges"), score, taus[i],
                    in.integer(c, "forward_passes", at + ".forward_passes"), in.number(c, "final_score", at + ".final_score"), effects));
        }
        return new AcdcSweep(in.graph(), score, taus, results);
    }

    private static PatchScatter scatter(SectionReader in, JsonArray points) throws IOException {
        int[] edges = new int[points.size()];
        double[] eap = new double[edges.length];
        double[] patched = new double[edges.length];
        for (int i = 0; i < edges.length; i++) {
            String at = "patching_scatter[" + i + "]";
            JsonObject p = in.object(points.get(i), at);
            edges[i] = in.edge(in.get(p, "edge", at + ".edge"), at + ".edge");
            eap[i] = in.number(p, "eap", at + ".eap");
            patched[i] = in.number(p, "patched", at + ".patched");
        }
        return PatchScatter.of(edges, eap, patched);
    }

    private static LambdaCurve lambdaCurve(SectionReader in, JsonObject o, String where) throws IOException {
        String name = in.text(o, "edge", where + ".edge");
        int edge = in.edge(name, where + ".edge");
        double[] lambdas = in.numbers(o, "lambdas", where + ".lambdas");
        double[] effects = in.numbers(o, "effects", where + ".effects");
        in.sameLength(lambdas.length, effects.length, where + ".effects");
        if (lambdas.length < 2) {
            throw in.error(where + ".lambdas", "must hold at least two λ");
        }
        double eap = present(o, "eap_score") ? in.number(o, "eap_score", where + ".eap_score") : Double.NaN;
        MethodEstimate estimate = null;
        if (present(o, "estimate")) {
            JsonObject e = in.object(o, "estimate", where + ".estimate");
            AttributionMethod method;
            try {
                method = AttributionMethod.parse(in.text(e, "method", where + ".estimate.method"));
            } catch (IllegalArgumentException ex) {
                throw in.error(where + ".estimate.method", ex.getMessage());
            }
            MethodSpec spec;
            try {
                spec = present(e, "steps") ? new MethodSpec(method, in.integer(e, "steps", where + ".estimate.steps")) : MethodSpec.of(method);
            } catch (IllegalArgumentException ex) {
                throw in.error(where + ".estimate.steps", ex.getMessage());
            }
            estimate = new MethodEstimate(spec, in.number(e, "score", where + ".estimate.score"));
        }
        boolean pinned = present(o, "pinned") && in.flag(o.get("pinned"), where + ".pinned");
        return new LambdaCurve(edge, in.graph().edgeName(edge), eap, lambdas, effects, estimate, pinned);
    }

    private static HybridFigure hybrid(SectionReader in, JsonObject o, EdgeScores scores) throws IOException {
        AcdcScore score = choice(in, in.text(o, "score", "hybrid.score"), AcdcScore.class, "hybrid.score");
        BitSet truth = in.edges(o, "truth_edges", "hybrid.truth_edges");
        int[] sizes = in.integers(o, "eap_edges", "hybrid.eap_edges");
        double[] taus = in.numbers(o, "taus", "hybrid.taus");
        double[] tpr = in.numbers(o, "eap_only_tpr", "hybrid.eap_only_tpr");
        double[] fpr = in.numbers(o, "eap_only_fpr", "hybrid.eap_only_fpr");
        in.sameLength(sizes.length, tpr.length, "hybrid.eap_only_tpr");
        in.sameLength(sizes.length, fpr.length, "hybrid.eap_only_fpr");
        JsonArray rows = in.array(o, "cells", "hybrid.cells");
        in.sameLength(sizes.length, rows.size(), "hybrid.cells");
        // Rows are allocated one by one once each is known to list its cells: the lengths alone could ask for millions².
        HybridGrid.Cell[][] cells = new HybridGrid.Cell[sizes.length][];
        for (int i = 0; i < sizes.length; i++) {
            JsonArray row = in.array(rows.get(i), "hybrid.cells[" + i + "]");
            in.sameLength(taus.length, row.size(), "hybrid.cells[" + i + "]");
            cells[i] = new HybridGrid.Cell[taus.length];
            for (int j = 0; j < taus.length; j++) {
                String at = "hybrid.cells[" + i + "][" + j + "]";
                JsonObject c = in.object(row.get(j), at);
                in.countCircuit(at);
                int kept = in.integer(c, "kept_edges", at + ".kept_edges");
                BitSet edges = c.has("edges") ? in.edges(c, "edges", at + ".edges") : null;
                if (edges != null && edges.cardinality() != kept) {
                    throw in.error(at + ".edges", "lists " + edges.cardinality() + " edges, but kept_edges says " + kept);
                }
                cells[i][j] = new HybridGrid.Cell(sizes[i], taus[j], kept, in.number(c, "tpr", at + ".tpr"), in.number(c, "fpr", at + ".fpr"),
                        in.integer(c, "forward_passes", at + ".forward_passes"), edges);
            }
        }
        if (truth.isEmpty() || truth.cardinality() == in.graph().edgeCount()) {
            throw in.error("hybrid.truth_edges", "must hold some but not all of the graph's edges");
        }
        HybridGrid.Result grid = new HybridGrid.Result(sizes, taus, cells, tpr, fpr);
        return HybridFigure.of(scores, grid, score, in.text(o, "truth_source", "hybrid.truth_source"), truth);
    }

    private static <E extends Enum<E>> E choice(SectionReader in, String value, Class<E> type, String where) throws IOException {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value)) {
                return e;
            }
        }
        throw in.error(where, "is \"" + value + "\", expected one of "
                + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }
}
