package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeScores;

/**
 * Score files: {@code {"model", "prompts", "metric", "metric_clean", "metric_corrupted", "timing_ms", "metadata",
 * "cfg", "nodes": {"input": {"in_graph": true}, …}, "edges": {"input->a0.h0<q>": {"score": s, "in_graph": true}, …}}}.
 * The {@code cfg} (with {@code d_model}), {@code nodes} and {@code edges} members have the shape EAP-IG's current
 * {@code Graph.to_json} writes and {@code Graph.from_json} reads (hannamw/EAP-IG {@code src/eap/graph.py}, commit
 * 4fad6c6; {@code ScoreJsonTest} holds the keys), so files go both ways between this program and the Python tools.
 * Older files (nodes as bare booleans, no {@code d_model}) and files from EAP-IG (no metric, perhaps {@code null}
 * scores) read back here too. A file with {@code "unlisted_edges": "not computed"} lists only the edges it has scores
 * for (patch-all --top); the others read as not computed.
 */
public final class ScoreJson {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    private ScoreJson() {
    }

    public static void write(Path file, ScoreFile scores) throws IOException {
        write(file, scores, null);
    }

    /**
     * Writes scores of which every edge was computed (EAP's): a NaN here is a failed computation, not an edge left out,
     * so it is refused, naming the edge, rather than written as null.
     */
    public static void writeComputed(Path file, ScoreFile scores, ScoreMetadata metadata) throws IOException {
        writeComputed(file, scores, metadata, null);
    }

    /**
     * As {@link #writeComputed(Path, ScoreFile, ScoreMetadata)}, with each upstream node's score in its {@code score}
     * member, as EAP-IG's {@code to_json} writes node scores.
     */
    public static void writeComputed(Path file, ScoreFile scores, ScoreMetadata metadata, NodeScores nodeScores) throws IOException {
        requireComputed(file, scores, nodeScores);
        write(file, scores, null, metadata, nodeScores);
    }

    /** What {@link #writeComputed} refuses, before anything is written: a non-finite metric, edge or node score. */
    static void requireComputed(Path file, ScoreFile scores, NodeScores nodeScores) throws IOException {
        // A run's own metrics are computed too: NaN is a failure here, where write() takes it as unknown (null).
        requireFiniteMetric(file, "clean", scores.metricClean());
        requireFiniteMetric(file, "corrupted", scores.metricCorrupted());
        float[] s = scores.scores().scores();
        for (int e = 0; e < s.length; e++) {
            if (!Float.isFinite(s[e])) {
                throw new IOException(file + ": the score of " + scores.scores().graph().edgeName(e) + " is " + s[e]
                        + "; refusing to write a non-finite score (nothing was written)");
            }
        }
        if (nodeScores != null) {
            for (int u = 0; u < nodeScores.scores().length; u++) {
                if (!Float.isFinite(nodeScores.score(u))) {
                    throw new IOException(file + ": the score of node " + nodeScores.graph().upstream().get(u).name() + " is "
                            + nodeScores.score(u) + "; refusing to write a non-finite score (nothing was written)");
                }
            }
        }
    }

    private static void requireFiniteMetric(Path file, String run, double metric) throws IOException {
        if (!Double.isFinite(metric)) {
            throw new IOException(file + ": the metric on the " + run + " run is " + metric
                    + "; refusing to write a non-finite metric (nothing was written)");
        }
    }

    /**
     * @param inGraph the edges of a circuit (ACDC's result, say), written as {@code in_graph}, with the nodes they
     *                touch; null: every edge with a score is in the graph
     */
    public static void write(Path file, ScoreFile scores, java.util.BitSet inGraph) throws IOException {
        write(file, scores, inGraph, null);
    }

    public static void write(Path file, ScoreFile scores, java.util.BitSet inGraph, ScoreMetadata metadata) throws IOException {
        write(file, scores, inGraph, metadata, null);
    }

    /**
     * Scores of some edges only (a partial patching sweep): the edges without a score (NaN) are left out of
     * {@code edges} rather than written as null, which EAP-IG's {@code from_json} cannot take, and the file says so in
     * {@value #UNLISTED_EDGES} so that {@link #read} takes them as not computed instead of refusing the file.
     */
    public static void writeComputedEdges(Path file, ScoreFile scores, ScoreMetadata metadata) throws IOException {
        write(file, scores, null, metadata, null, true);
    }

    /** Top-level member of a file that lists only the edges it has scores for; its value says what the others are. */
    static final String UNLISTED_EDGES = "unlisted_edges";
    private static final String NOT_COMPUTED = "not computed";

    private static void write(Path file, ScoreFile scores, java.util.BitSet inGraph, ScoreMetadata metadata, NodeScores nodeScores)
            throws IOException {
        write(file, scores, inGraph, metadata, nodeScores, false);
    }

    private static void write(Path file, ScoreFile scores, java.util.BitSet inGraph, ScoreMetadata metadata, NodeScores nodeScores,
                              boolean onlyComputed) throws IOException {
        GraphIndex graph = scores.scores().graph();
        JsonObject head = head(file, scores, inGraph, metadata, nodeScores, onlyComputed);
        float[] s = scores.scores().scores();
        for (int e = 0; e < s.length; e++) {
            if (Float.isInfinite(s[e])) {
                throw new IOException(file + ": score of " + graph.edgeName(e) + " is " + s[e] + "; refusing to write an infinite score");
            }
        }
        AtomicFiles.writeText(file, out -> {
            // One edge per line keeps 32,491 edges readable and diffable; the rest is ordinary pretty JSON.
            String prefix = PRETTY.toJson(head);
            out.write(prefix.substring(0, prefix.lastIndexOf('}')).stripTrailing());
            out.write(",\n  \"edges\": {");
            boolean first = true;
            for (int e = 0; e < s.length; e++) {
                if (onlyComputed && Float.isNaN(s[e])) {
                    continue;
                }
                out.write(first ? "\n    \"" : ",\n    \"");
                first = false;
                out.write(graph.edgeName(e));
                // NaN marks an edge that was not computed (a partial patching sweep): null, as EAP-IG writes it.
                out.write("\": {\"score\": ");
                out.write(Float.isNaN(s[e]) ? "null" : Float.toString(s[e]));
                boolean in = inGraph == null ? !Float.isNaN(s[e]) : inGraph.get(e);
                out.write(in ? ", \"in_graph\": true}" : ", \"in_graph\": false}");
            }
            out.write("\n  }\n}\n");
        });
    }

    /** Every member but {@code edges}: the run, {@code metadata}, {@code cfg} and {@code nodes}; all of a compact file's header. */
    static JsonObject head(Path file, ScoreFile scores, java.util.BitSet inGraph, ScoreMetadata metadata, NodeScores nodeScores,
                           boolean onlyComputed) throws IOException {
        GraphIndex graph = scores.scores().graph();
        JsonObject head = new JsonObject();
        head.addProperty("model", scores.model());
        head.addProperty("prompts", scores.prompts());
        head.addProperty("metric", scores.metric());
        head.addProperty("pairs", scores.pairs());
        head.addProperty("device", scores.device());
        head.addProperty("metric_clean", FiniteJson.unknownAsNull(scores.metricClean()));
        head.addProperty("metric_corrupted", FiniteJson.unknownAsNull(scores.metricCorrupted()));
        JsonObject timing = new JsonObject();
        scores.timingMillis().forEach((k, v) -> timing.addProperty(k, Math.round(v * 10) / 10.0));
        head.add("timing_ms", timing);
        if (metadata != null) {
            head.add("metadata", ScoreMetadataJson.toJson(scores.metric(), metadata));
        }
        JsonObject cfg = new JsonObject();
        cfg.addProperty("n_layers", graph.nLayer());
        cfg.addProperty("n_heads", graph.nHead());
        cfg.addProperty("parallel_attn_mlp", graph.parallel());
        if (metadata != null && metadata.dModel() > 0) {
            cfg.addProperty("d_model", metadata.dModel());  // EAP-IG's from_json sizes its neuron tensors by it: a KeyError without
        }
        if (graph.attnOnly()) {
            cfg.addProperty("attn_only", true);  // TransformerLens's config key; absent (not false) otherwise, as EAP-IG writes cfg
        }
        head.add("cfg", cfg);
        if (onlyComputed) {
            head.addProperty(UNLISTED_EDGES, NOT_COMPUTED);
        }
        java.util.Set<String> touched = new java.util.HashSet<>();
        if (inGraph != null) {
            for (int e = inGraph.nextSetBit(0); e >= 0; e = inGraph.nextSetBit(e + 1)) {
                touched.add(graph.edge(e).from().name());
                touched.add(graph.edge(e).toNode().name());
            }
        }
        JsonObject nodes = new JsonObject();
        for (int u = 0; u < graph.upstreamCount(); u++) {
            String name = graph.upstream().get(u).name();
            JsonObject node = node(inGraph == null || touched.contains(name));
            if (nodeScores != null) {
                node.addProperty("score", nodeScores.score(u));
            }
            nodes.add(name, node);
        }
        nodes.add("logits", node(inGraph == null || touched.contains("logits")));
        head.add("nodes", nodes);
        FiniteJson.requireFinite(file, head);
        return head;
    }

    /**
     * A node as EAP-IG's current {@code to_json} writes it: an object, with {@code score} only when there are node
     * scores (its {@code from_json} would put a null score into a float tensor and fail; absent means none).
     */
    public static JsonObject node(boolean inGraph) {
        JsonObject o = new JsonObject();
        o.addProperty("in_graph", inGraph);
        return o;
    }

    /**
     * The node scores of a file written at node level (ours with {@code --level node}, or EAP-IG's {@code to_json} of a
     * node-scored graph): empty when the nodes carry no scores; every upstream node must then have one.
     */
    public static java.util.Optional<NodeScores> readNodeScores(Path file, GraphIndex graph) throws IOException {
        JsonObject root = CompactScores.rootOf(file, "score file", "with a \"nodes\" member");
        JsonElement nodesJson = root.get("nodes");
        if (nodesJson == null || !nodesJson.isJsonObject()) {
            return java.util.Optional.empty();
        }
        JsonObject nodes = nodesJson.getAsJsonObject();
        float[] scores = new float[graph.upstreamCount()];
        int found = 0;
        for (int u = 0; u < scores.length; u++) {
            String name = graph.upstream().get(u).name();
            JsonElement node = nodes.get(name);
            JsonElement score = node != null && node.isJsonObject() ? node.getAsJsonObject().get("score") : null;
            if (score == null) {
                continue;
            }
            if (!score.isJsonPrimitive() || !score.getAsJsonPrimitive().isNumber() || !Float.isFinite(score.getAsFloat())) {
                throw new IOException(file + ": node \"" + name + "\": score must be a finite number, got " + score);
            }
            scores[u] = score.getAsFloat();
            found++;
        }
        if (found == 0) {
            return java.util.Optional.empty();
        }
        if (found < scores.length) {
            throw new IOException(file + ": " + found + " of " + scores.length + " nodes have a score (node scores are all or none)");
        }
        return java.util.Optional.of(new NodeScores(graph, scores));
    }

    /**
     * Reads our score files and EAP-IG graph files; the graph size comes from {@code cfg} or, failing that, from the edge
     * names, and must have exactly as many edges as the file lists before anything of that size is built. A score is a
     * finite number, or null for an edge that was not computed (NaN here).
     */
    public static ScoreFile read(Path file) throws IOException {
        return open(file).file();
    }

    /** A score file read once, with its object but {@code edges} (metadata, cfg, nodes) for what else is asked of it. */
    public record Opened(ScoreFile file, JsonObject head) {
    }

    /** As {@link #read}, keeping the rest of the file: a million-edge file is parsed once, not once per question. */
    public static Opened open(Path file) throws IOException {
        if (CompactScores.isCompact(file)) {
            return CompactScores.open(file);
        }
        JsonObject root = JsonFiles.readObject(file, "score file", "with an \"edges\" member");
        if (!root.has("edges") || !root.get("edges").isJsonObject()) {
            throw new IOException(file + ": no \"edges\" object (expected {\"edges\": {\"input->a0.h0<q>\": {\"score\": …}}})");
        }
        JsonObject edges = root.getAsJsonObject("edges");
        GraphIndex graph = ScoreFileGraph.of(file, root, edges);
        float[] scores = new float[graph.edgeCount()];
        boolean[] seen = new boolean[scores.length];
        for (Map.Entry<String, JsonElement> e : edges.entrySet()) {
            OptionalInt index = graph.edgeIndex(e.getKey());
            if (index.isEmpty()) {
                throw new IOException(file + ": edge \"" + e.getKey() + "\" does not exist in a graph of " + graph.describe());
            }
            JsonElement value = e.getValue();
            JsonElement score = value.isJsonObject() ? value.getAsJsonObject().get("score") : value;
            if (score == null || score.isJsonNull()) {
                scores[index.getAsInt()] = Float.NaN;
            } else if (score.isJsonPrimitive() && score.getAsJsonPrimitive().isNumber()) {
                float f = score.getAsFloat();
                if (!Float.isFinite(f)) {
                    throw new IOException(file + ": edge \"" + e.getKey() + "\": score " + score
                            + " is beyond the range of a float (a score is a finite number, or null when not computed)");
                }
                scores[index.getAsInt()] = f;
            } else {
                throw new IOException(file + ": edge \"" + e.getKey() + "\": score must be a number, got " + score);
            }
            seen[index.getAsInt()] = true;
        }
        JsonElement unlisted = root.get(UNLISTED_EDGES);
        boolean unlistedNotComputed = unlisted != null && unlisted.isJsonPrimitive() && NOT_COMPUTED.equals(unlisted.getAsString());
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i] && unlistedNotComputed) {
                scores[i] = Float.NaN;
            } else if (!seen[i]) {
                throw new IOException(file + ": edge \"" + graph.edgeName(i) + "\" is missing (" + edges.size() + " of "
                        + graph.edgeCount() + " edges present)");
            }
        }
        root.remove("edges");
        return new Opened(scoreFile(file, root, new EdgeScores(graph, scores)), root);
    }

    /** The run's members of a score file's object (or a compact file's header) around its scores. */
    static ScoreFile scoreFile(Path file, JsonObject root, EdgeScores scores) throws IOException {
        Map<String, Double> timing = new LinkedHashMap<>();
        JsonElement timingJson = root.get("timing_ms");
        if (timingJson != null && !timingJson.isJsonNull()) {
            if (!timingJson.isJsonObject()) {
                throw new IOException(file + ": \"timing_ms\" must be an object of numbers, got " + JsonFiles.kindOf(timingJson));
            }
            for (Map.Entry<String, JsonElement> t : timingJson.getAsJsonObject().entrySet()) {
                timing.put(t.getKey(), finite(file, "timing_ms." + t.getKey(), t.getValue()));
            }
        }
        int pairs = 0;
        if (root.has("pairs") && !root.get("pairs").isJsonNull()) {
            pairs = count(file, "pairs", root.get("pairs"), 0);
        }
        return new ScoreFile(text(root, "model"), text(root, "prompts"), text(root, "metric"), pairs, text(root, "device"),
                number(file, root, "metric_clean"), number(file, root, "metric_corrupted"), timing, scores);
    }

    /** A whole number of at least {@code min}, as a count or size in the file must be. */
    static int count(Path file, String key, JsonElement e, int min) throws IOException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": \"" + key + "\" must be a whole number, got " + (e == null ? "nothing" : e));
        }
        double d = e.getAsDouble();
        if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
            throw new IOException(file + ": \"" + key + "\" must be a whole number of at least " + min + ", got " + e);
        }
        return (int) d;
    }

    /** A number that must be finite (a timing, a metric). */
    private static double finite(Path file, String key, JsonElement e) throws IOException {
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": \"" + key + "\" must be a number, got " + (e == null ? "nothing" : e));
        }
        double d = e.getAsDouble();
        if (!Double.isFinite(d)) {
            throw new IOException(file + ": \"" + key + "\" is " + e + ", beyond the range of a number here");
        }
        return d;
    }

    /**
     * The edges a score file marks {@code in_graph} (an ACDC circuit, or EAP-IG's pruned graph), for a graph of the
     * given shape; an edge written as a bare number counts as not in the graph.
     */
    public static java.util.BitSet readInGraph(Path file, GraphIndex graph) throws IOException {
        if (CompactScores.isCompact(file)) {
            return CompactScores.scored(file, graph);
        }
        JsonObject root = JsonFiles.readObject(file, "circuit file", "with an \"edges\" member");
        if (!root.has("edges") || !root.get("edges").isJsonObject()) {
            throw new IOException(file + ": no \"edges\" object (expected {\"edges\": {\"input->a0.h0<q>\": {\"in_graph\": true}}})");
        }
        java.util.BitSet kept = new java.util.BitSet(graph.edgeCount());
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject("edges").entrySet()) {
            OptionalInt index = graph.edgeIndex(e.getKey());
            if (index.isEmpty()) {
                throw new IOException(file + ": edge \"" + e.getKey() + "\" does not exist in a graph of "
                        + graph.nLayer() + " layers × " + graph.nHead() + " heads");
            }
            JsonElement value = e.getValue();
            JsonElement in = value.isJsonObject() ? value.getAsJsonObject().get("in_graph") : null;
            if (in != null && !in.isJsonNull() && !(in.isJsonPrimitive() && in.getAsJsonPrimitive().isBoolean())) {
                throw new IOException(file + ": edge \"" + e.getKey() + "\": \"in_graph\" must be true or false, got " + in);
            }
            if (in != null && !in.isJsonNull() && in.getAsBoolean()) {
                kept.set(index.getAsInt());
            }
        }
        return kept;
    }

    private static String text(JsonObject root, String key) {
        return root.has(key) && root.get(key).isJsonPrimitive() ? root.get(key).getAsString() : "";
    }

    /** An optional finite number; NaN when absent or null (EAP-IG's files have no metric). */
    private static double number(Path file, JsonObject root, String key) throws IOException {
        JsonElement e = root.get(key);
        return e == null || e.isJsonNull() ? Double.NaN : finite(file, key, e);
    }
}
