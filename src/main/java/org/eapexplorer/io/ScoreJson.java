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
import org.eapexplorer.model.NodeId;

/**
 * Score files: {@code {"model", "prompts", "metric", "metric_clean", "metric_corrupted", "timing_ms", "metadata",
 * "cfg", "nodes": {"input": {"in_graph": true}, …}, "edges": {"input->a0.h0<q>": {"score": s, "in_graph": true}, …}}}.
 * The {@code cfg} (with {@code d_model}), {@code nodes} and {@code edges} members have the shape EAP-IG's current
 * {@code Graph.to_json} writes and {@code Graph.from_json} reads (hannamw/EAP-IG {@code src/eap/graph.py}, commit
 * 4fad6c6; {@code ScoreJsonTest} holds the keys), so files go both ways between this program and the Python tools.
 * Older files (nodes as bare booleans, no {@code d_model}) and files from EAP-IG (no metric, perhaps {@code null}
 * scores) read back here too.
 */
public final class ScoreJson {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    private ScoreJson() {
    }

    public static void write(Path file, ScoreFile scores) throws IOException {
        write(file, scores, null);
    }

    /**
     * @param inGraph the edges of a circuit (ACDC's result, say), written as {@code in_graph}, with the nodes they
     *                touch; null: every edge with a score is in the graph
     */
    public static void write(Path file, ScoreFile scores, java.util.BitSet inGraph) throws IOException {
        write(file, scores, inGraph, null);
    }

    public static void write(Path file, ScoreFile scores, java.util.BitSet inGraph, ScoreMetadata metadata) throws IOException {
        GraphIndex graph = scores.scores().graph();
        JsonObject head = new JsonObject();
        head.addProperty("model", scores.model());
        head.addProperty("prompts", scores.prompts());
        head.addProperty("metric", scores.metric());
        head.addProperty("pairs", scores.pairs());
        head.addProperty("device", scores.device());
        head.addProperty("metric_clean", scores.metricClean());
        head.addProperty("metric_corrupted", scores.metricCorrupted());
        JsonObject timing = new JsonObject();
        scores.timingMillis().forEach((k, v) -> timing.addProperty(k, Math.round(v * 10) / 10.0));
        head.add("timing_ms", timing);
        if (metadata != null) {
            head.add("metadata", metadataOf(scores, metadata));
        }
        JsonObject cfg = new JsonObject();
        cfg.addProperty("n_layers", graph.nLayer());
        cfg.addProperty("n_heads", graph.nHead());
        cfg.addProperty("parallel_attn_mlp", false);
        if (metadata != null) {
            cfg.addProperty("d_model", metadata.dModel());  // EAP-IG's from_json sizes its neuron tensors by it: a KeyError without
        }
        if (graph.attnOnly()) {
            cfg.addProperty("attn_only", true);  // TransformerLens's config key; absent (not false) otherwise, as EAP-IG writes cfg
        }
        head.add("cfg", cfg);
        java.util.Set<String> touched = new java.util.HashSet<>();
        if (inGraph != null) {
            for (int e = inGraph.nextSetBit(0); e >= 0; e = inGraph.nextSetBit(e + 1)) {
                touched.add(graph.edge(e).from().name());
                touched.add(graph.edge(e).toNode().name());
            }
        }
        JsonObject nodes = new JsonObject();
        for (NodeId node : graph.upstream()) {
            nodes.add(node.name(), node(inGraph == null || touched.contains(node.name())));
        }
        nodes.add("logits", node(inGraph == null || touched.contains("logits")));
        head.add("nodes", nodes);
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
            for (int e = 0; e < s.length; e++) {
                out.write(e == 0 ? "\n    \"" : ",\n    \"");
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

    /**
     * A node as EAP-IG's current {@code to_json} writes it: an object, with {@code score} only when there are node
     * scores (its {@code from_json} would put a null score into a float tensor and fail; absent means none).
     */
    public static JsonObject node(boolean inGraph) {
        JsonObject o = new JsonObject();
        o.addProperty("in_graph", inGraph);
        return o;
    }

    private static JsonObject metadataOf(ScoreFile scores, ScoreMetadata metadata) {
        JsonObject m = new JsonObject();
        m.addProperty("method", metadata.method());
        m.addProperty("metric", scores.metric());
        m.addProperty("level", metadata.level());
        m.add("prompts", identity("file", metadata.prompts()));
        m.add("model", identity("name", metadata.model()));
        m.addProperty("program", "EAP Explorer");
        m.addProperty("program_version", metadata.programVersion());
        return m;
    }

    private static JsonObject identity(String nameKey, FileIdentity file) {
        JsonObject o = new JsonObject();
        o.addProperty(nameKey, file.name());
        o.addProperty("sha256", file.sha256());
        return o;
    }

    /** Reads our score files and EAP-IG graph files; the graph size comes from {@code cfg} or, failing that, from the edge names. */
    public static ScoreFile read(Path file) throws IOException {
        JsonObject root = org.eapexplorer.io.JsonFiles.readObject(file, "score file", "with an \"edges\" member");
        if (!root.has("edges") || !root.get("edges").isJsonObject()) {
            throw new IOException(file + ": no \"edges\" object (expected {\"edges\": {\"input->a0.h0<q>\": {\"score\": …}}})");
        }
        JsonObject edges = root.getAsJsonObject("edges");
        GraphIndex graph = graphOf(file, root, edges);
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
                scores[index.getAsInt()] = score.getAsFloat();
            } else {
                throw new IOException(file + ": edge \"" + e.getKey() + "\": score must be a number, got " + score);
            }
            seen[index.getAsInt()] = true;
        }
        for (int i = 0; i < seen.length; i++) {
            if (!seen[i]) {
                throw new IOException(file + ": edge \"" + graph.edgeName(i) + "\" is missing (" + edges.size() + " of "
                        + graph.edgeCount() + " edges present)");
            }
        }
        Map<String, Double> timing = new LinkedHashMap<>();
        if (root.has("timing_ms") && root.get("timing_ms").isJsonObject()) {
            for (Map.Entry<String, JsonElement> t : root.getAsJsonObject("timing_ms").entrySet()) {
                timing.put(t.getKey(), t.getValue().getAsDouble());
            }
        }
        return new ScoreFile(text(root, "model"), text(root, "prompts"), text(root, "metric"),
                root.has("pairs") ? root.get("pairs").getAsInt() : 0, text(root, "device"),
                number(root, "metric_clean"), number(root, "metric_corrupted"), timing, new EdgeScores(graph, scores));
    }

    /**
     * The graph's size from {@code cfg} or, failing that, from the head names among the edges. Attention-only when
     * {@code cfg.attn_only} says so; else when the file lists {@code nodes} and none is an MLP; else, with a
     * {@code cfg} (EAP-IG's graphs always have MLPs), not; and with neither, when no edge names an {@code m{l}}.
     */
    private static GraphIndex graphOf(Path file, JsonObject root, JsonObject edges) throws IOException {
        boolean attnOnly = withoutMlps(file, root, edges);
        if (root.has("cfg") && root.get("cfg").isJsonObject()) {
            JsonObject cfg = root.getAsJsonObject("cfg");
            if (cfg.has("n_layers") && cfg.has("n_heads")) {
                if (cfg.has("parallel_attn_mlp") && cfg.get("parallel_attn_mlp").getAsBoolean()) {
                    throw new IOException(file + ": parallel attention/MLP graphs are not supported");
                }
                return GraphIndex.of(cfg.get("n_layers").getAsInt(), cfg.get("n_heads").getAsInt(), attnOnly);
            }
        }
        int layers = 0;
        int heads = 0;
        for (String name : edges.keySet()) {
            for (String node : name.replaceAll("<[qkv]>", "").split("->")) {
                NodeId id = parse(file, name, node);
                if (id instanceof NodeId.Head h) {
                    layers = Math.max(layers, h.layer() + 1);
                    heads = Math.max(heads, h.head() + 1);
                } else if (id instanceof NodeId.Mlp mlp) {
                    layers = Math.max(layers, mlp.layer() + 1);
                }
            }
        }
        if (layers == 0 || heads == 0) {
            throw new IOException(file + ": cannot tell the graph's size: no \"cfg\" and no head names among the edges");
        }
        return GraphIndex.of(layers, heads, attnOnly);
    }

    private static boolean withoutMlps(Path file, JsonObject root, JsonObject edges) throws IOException {
        JsonElement cfg = root.get("cfg");
        if (cfg != null && cfg.isJsonObject() && cfg.getAsJsonObject().has("attn_only")) {
            JsonElement flag = cfg.getAsJsonObject().get("attn_only");
            if (!flag.isJsonPrimitive() || !flag.getAsJsonPrimitive().isBoolean()) {
                throw new IOException(file + ": \"cfg.attn_only\" must be true or false, got " + flag);
            }
            return flag.getAsBoolean();
        }
        JsonElement nodes = root.get("nodes");
        if (nodes != null && nodes.isJsonObject() && nodes.getAsJsonObject().size() > 0) {
            for (String node : nodes.getAsJsonObject().keySet()) {
                if (parse(file, "nodes", node) instanceof NodeId.Mlp) {
                    return false;
                }
            }
            return true;
        }
        if (cfg != null && cfg.isJsonObject()) {
            return false;  // EAP-IG's cfg without nodes to go by: its graphs always have MLPs
        }
        for (String name : edges.keySet()) {
            for (String node : name.replaceAll("<[qkv]>", "").split("->")) {
                if (parse(file, name, node) instanceof NodeId.Mlp) {
                    return false;
                }
            }
        }
        return true;
    }

    private static NodeId parse(Path file, String where, String node) throws IOException {
        try {
            return NodeId.parse(node, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + (where.equals("nodes") ? "nodes" : "edge \"" + where + "\"") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The edges a score file marks {@code in_graph} (an ACDC circuit, or EAP-IG's pruned graph), for a graph of the
     * given shape; an edge written as a bare number counts as not in the graph.
     */
    public static java.util.BitSet readInGraph(Path file, GraphIndex graph) throws IOException {
        JsonObject root = org.eapexplorer.io.JsonFiles.readObject(file, "circuit file", "with an \"edges\" member");
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
            if (in != null && in.isJsonPrimitive() && in.getAsBoolean()) {
                kept.set(index.getAsInt());
            }
        }
        return kept;
    }

    private static String text(JsonObject root, String key) {
        return root.has(key) && root.get(key).isJsonPrimitive() ? root.get(key).getAsString() : "";
    }

    private static double number(JsonObject root, String key) {
        return root.has(key) && root.get(key).isJsonPrimitive() ? root.get(key).getAsDouble() : Double.NaN;
    }
}
