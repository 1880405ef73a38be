package org.eapexplorer.ui.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.ScoreSet;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;

/**
 * Session files: one JSON object with the run's inputs, its metadata, the window's settings, what the evaluation
 * tabs computed ({@link EvaluationJson}: version 2 on; every section optional, so version 1 files still open) and
 * every edge's score embedded as an array in {@link GraphIndex} edge order, so that opening one needs no model at
 * all. The window's other score sets, each with its run's members and scores in the same form, and the Compare tab's
 * choices are optional members ({@code score_sets}, {@code compare}) of the same version. Scores are written with {@link Float#toString}, which reads back to the identical float; other numbers as
 * Gson writes them, which read back to the identical double.
 */
public final class SessionJson {

    public static final String FORMAT = "eap-explorer-session";
    public static final int VERSION = 2;

    private SessionJson() {
    }

    public static void write(Path file, Session session) throws IOException {
        AnalysisResult r = session.result();
        GraphIndex graph = r.scores().graph();
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        writeResult(root, r);
        root.addProperty("device", session.device().name().toLowerCase(Locale.ROOT));
        JsonObject threshold = new JsonObject();
        threshold.addProperty("mode", session.threshold().mode() == ThresholdMode.TOP_K ? "top_k" : "score");
        threshold.addProperty("value", session.threshold().value());
        root.add("threshold", threshold);
        root.addProperty("hide_unconnected", session.hideUnconnected());
        root.addProperty("selected_edge", session.selectedEdge() < 0 ? null : graph.edgeName(session.selectedEdge()));
        root.add("cfg", cfgOf(graph));
        EvaluationJson.write(root, session.evaluation(), graph);
        writeScoreSets(file, root, session);
        // JSON has no NaN or infinity: refuse the save, naming the value, and keep the file already there.
        FiniteJson.requireFinite(file, root);
        float[] scores = r.scores().scores();
        requireNoInfinity(file, r.scores(), "");
        String head = CompactJson.format(root);
        AtomicFiles.writeText(file, out -> {
            out.write(head.substring(0, head.lastIndexOf('}')).stripTrailing());
            out.write(",\n  \"scores\": [");
            for (int e = 0; e < scores.length; e++) {
                out.write(e == 0 ? "" : e % 8 == 0 ? ",\n    " : ", ");
                float s = scores[e];
                out.write(Float.isNaN(s) ? "null" : Float.toString(s));  // null: an edge without a score
            }
            out.write("]\n}\n");
        });
    }

    /**
     * The run's inputs and metadata, at the top level for the shown result and in each entry of {@code score_sets} for
     * the others: the same members, so that one reader reads both.
     */
    private static void writeResult(JsonObject o, AnalysisResult r) {
        GraphIndex graph = r.scores().graph();
        o.addProperty("model", r.modelDir().toAbsolutePath().toString());
        o.addProperty("prompts", r.promptFile() == null ? null : r.promptFile().toAbsolutePath().toString());
        o.addProperty("prompt_source", r.promptSource());
        o.addProperty("metric", r.metric().jsonName());
        // EAP-IG's names; null when the scores' source did not say (absent in sessions before methods: eap).
        o.addProperty("method", r.method() == null ? null : r.method().method().cliName());
        if (r.method() != null && r.method().method().usesSteps()) {
            o.addProperty("steps", r.method().steps());
        }
        o.addProperty("device_description", r.deviceDescription());
        if (!r.inputConventions().isEmpty()) {
            o.addProperty("input_conventions", r.inputConventions());
        }
        if (r.computedFrom() != null) {
            // What the scores were computed from (the model folder's files, the prompts), so that patching after a reopen
            // refuses a model changed since; absent in sessions written before, which patch unchecked as they did.
            o.addProperty("computed_from", r.computedFrom());
        }
        o.addProperty("pairs", r.pairs());
        o.addProperty("metric_clean", FiniteJson.unknownAsNull(r.metricClean()));
        o.addProperty("metric_corrupted", FiniteJson.unknownAsNull(r.metricCorrupted()));
        JsonObject timing = new JsonObject();
        timing.addProperty("load", r.loadMillis());
        timing.addProperty("eap", r.eapMillis());
        o.add("timing_ms", timing);
        if (r.hasReference()) {
            JsonArray reference = new JsonArray();
            for (int e : r.referenceEdges()) {
                reference.add(graph.edgeName(e));
            }
            o.add("reference_edges", reference);
        }
    }

    private static JsonObject cfgOf(GraphIndex graph) {
        JsonObject cfg = new JsonObject();
        cfg.addProperty("n_layers", graph.nLayer());
        cfg.addProperty("n_heads", graph.nHead());
        if (graph.attnOnly()) {
            cfg.addProperty("attn_only", true);
        }
        if (graph.parallel()) {
            cfg.addProperty("parallel_attn_mlp", true);  // EAP-IG's key; absent for a sequential block, so older sessions read the same
        }
        return cfg;
    }

    /**
     * {@code score_sets}: every score set of the window by name, the shown one marked {@code "shown": true} (its scores
     * are the session's own), each other one with its run's members, {@code cfg} and {@code scores}; and
     * {@code compare}, the Compare tab's choices. Written only when there is more than the shown set or a choice.
     */
    private static void writeScoreSets(Path file, JsonObject root, Session session) throws IOException {
        if (session.scoreSets().size() < 2 && session.compare().equals(Session.CompareChoice.NONE)) {
            return;
        }
        JsonArray sets = new JsonArray();
        for (int i = 0; i < session.scoreSets().size(); i++) {
            ScoreSet set = session.scoreSets().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("name", set.name());
            if (set.result() == session.result()) {
                o.addProperty("shown", true);
            } else {
                writeResult(o, set.result());
                o.add("cfg", cfgOf(set.graph()));
                requireNoInfinity(file, set.result().scores(), "score_sets[" + i + "] ");
                JsonArray scores = new JsonArray();
                for (float f : set.result().scores().scores()) {
                    if (Float.isNaN(f)) {
                        scores.add(com.google.gson.JsonNull.INSTANCE);
                    } else {
                        scores.add(f);
                    }
                }
                o.add("scores", scores);
            }
            sets.add(o);
        }
        root.add("score_sets", sets);
        JsonObject compare = new JsonObject();
        compare.addProperty("a", session.compare().a());
        compare.addProperty("b", session.compare().b());
        compare.addProperty("colour_by_difference", session.compare().colourByDifference());
        root.add("compare", compare);
    }

    private static void requireNoInfinity(Path file, EdgeScores scores, String where) throws IOException {
        float[] s = scores.scores();
        for (int e = 0; e < s.length; e++) {
            if (Float.isInfinite(s[e])) {
                throw new IOException(file + ": " + where + "the score of " + scores.graph().edgeName(e) + " is " + s[e]
                        + "; refusing to write a non-finite score");
            }
        }
    }

    /**
     * Reads a session. The graph {@code cfg} declares must have as many edges as {@code "scores"} lists before anything
     * of its size is built; every number is finite (a score may be null: not computed).
     */
    public static Session read(Path file) throws IOException {
        JsonObject root = JsonFiles.readObject(file, "session file", "with the session");
        if (!FORMAT.equals(optionalText(root, "format", ""))) {
            throw new IOException(file + ": not an EAP Explorer session (\"format\" is not \"" + FORMAT + "\")");
        }
        SectionReader in = new SectionReader(file, null);
        int version = in.integer(root, "version", "version");
        if (version > VERSION) {
            throw new IOException(file + ": session version " + version + " is newer than this program reads (" + VERSION + ")");
        }
        try {
            EdgeScores edgeScores = readScores(file, root, "");
            GraphIndex graph = edgeScores.graph();
            in = new SectionReader(file, graph);
            AnalysisResult result = readResult(root, in, edgeScores, "");
            JsonObject t = in.object(root, "threshold", "threshold");
            String mode = in.text(t, "mode", "threshold.mode");
            Threshold threshold = switch (mode) {
                case "top_k" -> Threshold.topK(in.integer(t, "value", "threshold.value"));
                case "score" -> Threshold.score(in.number(t, "value", "threshold.value"));
                default -> throw new IOException(file + ": threshold mode \"" + mode + "\" (expected top_k or score)");
            };
            int selected = -1;
            if (root.has("selected_edge") && !root.get("selected_edge").isJsonNull()) {
                selected = in.edge(root.get("selected_edge"), "selected_edge");
            }
            boolean hide = !root.has("hide_unconnected") || root.get("hide_unconnected").isJsonNull()
                    || in.flag(root.get("hide_unconnected"), "hide_unconnected");
            Evaluation evaluation = EvaluationJson.read(root, result.scores(), file);
            return new Session(result, ComputeDevice.parse(optionalText(root, "device", "auto")), threshold, hide, selected,
                    evaluation, readScoreSets(file, root, in, result), readCompare(root, in));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The scores of {@code o} (the session, or one of its score sets) in the graph its {@code cfg} declares. */
    private static EdgeScores readScores(Path file, JsonObject o, String prefix) throws IOException {
        SectionReader in = new SectionReader(file, null);
        JsonObject cfg = in.object(o, "cfg", prefix + "cfg");
        boolean attnOnly = cfg.has("attn_only") && !cfg.get("attn_only").isJsonNull() && in.flag(cfg.get("attn_only"), prefix + "cfg.attn_only");
        boolean parallel = cfg.has("parallel_attn_mlp") && !cfg.get("parallel_attn_mlp").isJsonNull()
                && in.flag(cfg.get("parallel_attn_mlp"), prefix + "cfg.parallel_attn_mlp");
        int layers = in.integer(cfg, "n_layers", prefix + "cfg.n_layers");
        int heads = in.integer(cfg, "n_heads", prefix + "cfg.n_heads");
        JsonArray array = o.has("scores") && o.get("scores").isJsonArray() ? o.getAsJsonArray("scores") : null;
        String where = prefix.isEmpty() ? "\"scores\"" : "\"" + prefix + "scores\"";
        if (array == null) {
            throw new IOException(file + ": " + where + " must list every edge's score for a " + layers + " × " + heads + " model, found none");
        }
        GraphIndex graph;
        try {
            graph = GraphIndex.ofDeclared(layers, heads, attnOnly, parallel, array.size());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": \"" + prefix + "cfg\" declares " + e.getMessage() + " in " + where);
        }
        if (array.size() != graph.edgeCount()) {
            throw new IOException(file + ": " + where + " must list " + graph.edgeCount() + " edge scores for a "
                    + graph.describe() + " model, found " + array.size());
        }
        float[] scores = new float[array.size()];
        for (int e = 0; e < scores.length; e++) {
            JsonElement s = array.get(e);
            scores[e] = s.isJsonNull() ? Float.NaN : in.floatNumber(s, prefix + "scores[" + e + "] (" + graph.edgeName(e) + ")");
        }
        return new EdgeScores(graph, scores);
    }

    /** The run's members of {@code o} around its scores; {@code in} reads edges in the scores' graph. */
    private static AnalysisResult readResult(JsonObject o, SectionReader in, EdgeScores scores, String prefix) throws IOException {
        String prompts = o.has("prompts") && !o.get("prompts").isJsonNull() ? in.text(o, "prompts", prefix + "prompts") : null;
        JsonObject timing = o.has("timing_ms") && !o.get("timing_ms").isJsonNull() ? in.object(o, "timing_ms", prefix + "timing_ms") : new JsonObject();
        return new AnalysisResult(Path.of(in.text(o, "model", prefix + "model")), prompts == null ? null : Path.of(prompts),
                optionalText(o, "prompt_source", prompts == null ? "" : Path.of(prompts).getFileName().toString()),
                MetricKind.fromJsonName(in.text(o, "metric", prefix + "metric")), in.integer(o, "pairs", prefix + "pairs"),
                optionalText(o, "device_description", ""), scores,
                optionalNumber(in, o, "metric_clean", prefix), optionalNumber(in, o, "metric_corrupted", prefix),
                timing.has("load") ? in.number(timing, "load", prefix + "timing_ms.load") : 0,
                timing.has("eap") ? in.number(timing, "eap", prefix + "timing_ms.eap") : 0,
                referenceEdges(o, in, prefix), optionalText(o, "input_conventions", ""), method(o, in, prefix),
                o.has("computed_from") && !o.get("computed_from").isJsonNull() ? in.text(o, "computed_from", prefix + "computed_from") : null);
    }

    /** EAP-IG's method name and steps; a session written before methods were a choice holds EAP's scores. */
    private static MethodSpec method(JsonObject o, SectionReader in, String prefix) throws IOException {
        if (!o.has("method")) {
            return MethodSpec.EAP;
        }
        if (o.get("method").isJsonNull()) {
            return null;
        }
        String name = in.text(o, "method", prefix + "method");
        AttributionMethod method;
        try {
            method = AttributionMethod.parse(name);
        } catch (IllegalArgumentException e) {
            throw in.error(prefix + "method", "is \"" + name + "\", expected one of " + AttributionMethod.names());
        }
        if (!method.usesSteps()) {
            return MethodSpec.of(method);
        }
        if (!o.has("steps") || o.get("steps").isJsonNull()) {
            throw in.error(prefix + "steps", "is missing (" + name + " needs its number of steps)");
        }
        int steps = in.integer(o, "steps", prefix + "steps");
        if (steps < 1) {
            throw in.error(prefix + "steps", "must be at least 1, got " + steps);
        }
        return new MethodSpec(method, steps);
    }

    /**
     * The session's score sets: the shown result (marked {@code shown}) and each other set; a session without
     * {@code score_sets} (one result, or written before there were sets) has the shown result alone.
     */
    private static List<ScoreSet> readScoreSets(Path file, JsonObject root, SectionReader in, AnalysisResult shown) throws IOException {
        if (!root.has("score_sets") || root.get("score_sets").isJsonNull()) {
            return List.of();
        }
        JsonArray array = in.array(root, "score_sets", "score_sets");
        if (array.size() > MAX_SCORE_SETS) {
            throw in.error("score_sets", "lists " + array.size() + " sets; at most " + MAX_SCORE_SETS + " are read");
        }
        List<ScoreSet> sets = new ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        boolean sawShown = false;
        for (int i = 0; i < array.size(); i++) {
            String prefix = "score_sets[" + i + "].";
            JsonObject o = in.object(array.get(i), "score_sets[" + i + "]");
            String name = in.text(o, "name", prefix + "name");
            if (!names.add(name)) {
                throw in.error(prefix + "name", "\"" + name + "\" names two sets; each set's name is its own");
            }
            boolean isShown = o.has("shown") && !o.get("shown").isJsonNull() && in.flag(o.get("shown"), prefix + "shown");
            if (isShown) {
                if (sawShown) {
                    throw in.error(prefix + "shown", "marks a second set as shown; one set is the session's own scores");
                }
                sawShown = true;
                sets.add(new ScoreSet(name, shown));
            } else {
                EdgeScores scores = readScores(file, o, prefix);
                sets.add(new ScoreSet(name, readResult(o, new SectionReader(file, scores.graph()), scores, prefix)));
            }
        }
        if (!sawShown) {
            throw in.error("score_sets", "has no set marked \"shown\": true (the session's own scores)");
        }
        return sets;
    }

    private static Session.CompareChoice readCompare(JsonObject root, SectionReader in) throws IOException {
        if (!root.has("compare") || root.get("compare").isJsonNull()) {
            return Session.CompareChoice.NONE;
        }
        JsonObject o = in.object(root, "compare", "compare");
        String a = o.has("a") && !o.get("a").isJsonNull() ? in.text(o, "a", "compare.a") : null;
        String b = o.has("b") && !o.get("b").isJsonNull() ? in.text(o, "b", "compare.b") : null;
        boolean colour = o.has("colour_by_difference") && !o.get("colour_by_difference").isJsonNull()
                && in.flag(o.get("colour_by_difference"), "compare.colour_by_difference");
        return new Session.CompareChoice(a, b, colour);
    }

    /** Each set costs a float per edge: a bound far above any comparison a person makes, against hostile files. */
    static final int MAX_SCORE_SETS = 64;

    private static double optionalNumber(SectionReader in, JsonObject o, String key, String prefix) throws IOException {
        return o.has(key) && !o.get(key).isJsonNull() ? in.number(o, key, prefix + key) : Double.NaN;
    }

    private static int[] referenceEdges(JsonObject root, SectionReader in, String prefix) throws IOException {
        if (!root.has("reference_edges") || root.get("reference_edges").isJsonNull()) {
            return null;
        }
        JsonArray names = in.array(root, "reference_edges", prefix + "reference_edges");
        int[] edges = new int[names.size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = in.edge(names.get(i), prefix + "reference_edges[" + i + "]");
        }
        return edges;
    }

    private static String optionalText(JsonObject o, String key, String fallback) {
        return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isString() ? o.get(key).getAsString() : fallback;
    }
}
