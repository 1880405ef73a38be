package org.eapexplorer.ui.session;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.FiniteJson;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;
import org.eapexplorer.ui.ThresholdMode;

/**
 * Session files: one JSON object with the run's inputs, its metadata, the window's settings, what the evaluation
 * tabs computed ({@link EvaluationJson}: version 2 on; every section optional, so version 1 files still open) and
 * every edge's score embedded as an array in {@link GraphIndex} edge order, so that opening one needs no model at
 * all. Scores are written with {@link Float#toString}, which reads back to the identical float; other numbers as
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
        root.addProperty("model", r.modelDir().toAbsolutePath().toString());
        root.addProperty("prompts", r.promptFile() == null ? null : r.promptFile().toAbsolutePath().toString());
        root.addProperty("prompt_source", r.promptSource());
        root.addProperty("metric", r.metric().jsonName());
        root.addProperty("method", r.method().method().cliName());
        if (r.method().method().usesSteps()) {
            root.addProperty("steps", r.method().steps());
        }
        root.addProperty("device", session.device().name().toLowerCase(Locale.ROOT));
        root.addProperty("device_description", r.deviceDescription());
        if (!r.inputConventions().isEmpty()) {
            root.addProperty("input_conventions", r.inputConventions());
        }
        root.addProperty("pairs", r.pairs());
        root.addProperty("metric_clean", FiniteJson.unknownAsNull(r.metricClean()));
        root.addProperty("metric_corrupted", FiniteJson.unknownAsNull(r.metricCorrupted()));
        JsonObject timing = new JsonObject();
        timing.addProperty("load", r.loadMillis());
        timing.addProperty("eap", r.eapMillis());
        root.add("timing_ms", timing);
        JsonObject threshold = new JsonObject();
        threshold.addProperty("mode", session.threshold().mode() == ThresholdMode.TOP_K ? "top_k" : "score");
        threshold.addProperty("value", session.threshold().value());
        root.add("threshold", threshold);
        root.addProperty("hide_unconnected", session.hideUnconnected());
        root.addProperty("selected_edge", session.selectedEdge() < 0 ? null : graph.edgeName(session.selectedEdge()));
        if (r.hasReference()) {
            JsonArray reference = new JsonArray();
            for (int e : r.referenceEdges()) {
                reference.add(graph.edgeName(e));
            }
            root.add("reference_edges", reference);
        }
        JsonObject cfg = new JsonObject();
        cfg.addProperty("n_layers", graph.nLayer());
        cfg.addProperty("n_heads", graph.nHead());
        if (graph.attnOnly()) {
            cfg.addProperty("attn_only", true);
        }
        root.add("cfg", cfg);
        EvaluationJson.write(root, session.evaluation(), graph);
        // JSON has no NaN or infinity: refuse the save, naming the value, and keep the file already there.
        FiniteJson.requireFinite(file, root);
        float[] scores = r.scores().scores();
        for (int e = 0; e < scores.length; e++) {
            if (Float.isInfinite(scores[e])) {
                throw new IOException(file + ": the score of " + graph.edgeName(e) + " is " + scores[e] + "; refusing to write a non-finite score");
            }
        }
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
            JsonObject cfg = in.object(root, "cfg", "cfg");
            boolean attnOnly = cfg.has("attn_only") && !cfg.get("attn_only").isJsonNull() && in.flag(cfg.get("attn_only"), "cfg.attn_only");
            int layers = in.integer(cfg, "n_layers", "cfg.n_layers");
            int heads = in.integer(cfg, "n_heads", "cfg.n_heads");
            JsonArray array = root.has("scores") && root.get("scores").isJsonArray() ? root.getAsJsonArray("scores") : null;
            if (array == null) {
                throw new IOException(file + ": \"scores\" must list every edge's score for a " + layers + " × " + heads + " model, found none");
            }
            GraphIndex graph;
            try {
                graph = GraphIndex.ofDeclared(layers, heads, attnOnly, array.size());
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": \"cfg\" declares " + e.getMessage() + " in \"scores\"");
            }
            if (array.size() != graph.edgeCount()) {
                throw new IOException(file + ": \"scores\" must list " + graph.edgeCount() + " edge scores for a "
                        + graph.describe() + " model, found " + array.size());
            }
            in = new SectionReader(file, graph);
            float[] scores = new float[array.size()];
            for (int e = 0; e < scores.length; e++) {
                JsonElement s = array.get(e);
                scores[e] = s.isJsonNull() ? Float.NaN : in.floatNumber(s, "scores[" + e + "] (" + graph.edgeName(e) + ")");
            }
            String prompts = root.has("prompts") && !root.get("prompts").isJsonNull() ? in.text(root, "prompts", "prompts") : null;
            JsonObject timing = root.has("timing_ms") && !root.get("timing_ms").isJsonNull() ? in.object(root, "timing_ms", "timing_ms") : new JsonObject();
            AnalysisResult result = new AnalysisResult(Path.of(in.text(root, "model", "model")), prompts == null ? null : Path.of(prompts),
                    optionalText(root, "prompt_source", prompts == null ? "" : Path.of(prompts).getFileName().toString()),
                    MetricKind.fromJsonName(in.text(root, "metric", "metric")), in.integer(root, "pairs", "pairs"),
                    optionalText(root, "device_description", ""), new EdgeScores(graph, scores),
                    optionalNumber(in, root, "metric_clean"), optionalNumber(in, root, "metric_corrupted"),
                    timing.has("load") ? in.number(timing, "load", "timing_ms.load") : 0,
                    timing.has("eap") ? in.number(timing, "eap", "timing_ms.eap") : 0,
                    referenceEdges(root, in), optionalText(root, "input_conventions", ""), method(root, in));
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
            return new Session(result, ComputeDevice.parse(optionalText(root, "device", "auto")), threshold, hide, selected,
                    EvaluationJson.read(root, result.scores(), file));
        } catch (IllegalArgumentException | IllegalStateException | UnsupportedOperationException | ClassCastException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** The scoring method; sessions from before there was a choice have none and were EAP's. */
    private static MethodSpec method(JsonObject root, SectionReader in) throws IOException {
        if (!root.has("method") || root.get("method").isJsonNull()) {
            return MethodSpec.EAP;
        }
        AttributionMethod method = AttributionMethod.parse(in.text(root, "method", "method"));
        boolean hasSteps = root.has("steps") && !root.get("steps").isJsonNull();
        return hasSteps ? new MethodSpec(method, in.integer(root, "steps", "steps")) : MethodSpec.of(method);
    }

    private static double optionalNumber(SectionReader in, JsonObject o, String key) throws IOException {
        return o.has(key) && !o.get(key).isJsonNull() ? in.number(o, key, key) : Double.NaN;
    }

    private static int[] referenceEdges(JsonObject root, SectionReader in) throws IOException {
        if (!root.has("reference_edges") || root.get("reference_edges").isJsonNull()) {
            return null;
        }
        JsonArray names = in.array(root, "reference_edges", "reference_edges");
        int[] edges = new int[names.size()];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = in.edge(names.get(i), "reference_edges[" + i + "]");
        }
        return edges;
    }

    private static int[] referenceEdges(JsonObject root, GraphIndex graph, Path file) throws IOException {
        if (!root.has("reference_edges") || !root.get("reference_edges").isJsonArray()) {
            return null;
        }
        JsonArray names = root.getAsJsonArray("reference_edges");
        int[] edges = new int[names.size()];
        for (int i = 0; i < edges.length; i++) {
            String name = names.get(i).getAsString();
            edges[i] = graph.edgeIndex(name).orElseThrow(() -> new IOException(file + ": reference edge " + name
                    + " is not in the graph"));
        }
        return edges;
    }

    private static String optionalText(JsonObject o, String key, String fallback) {
        return o.has(key) && o.get(key).isJsonPrimitive() && o.get(key).getAsJsonPrimitive().isString() ? o.get(key).getAsString() : fallback;
    }
}
