package org.eapexplorer.eval;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.Qkv;

/**
 * A ground-truth circuit as a file: which heads play which role, the scores and interventions the
 * classification rests on, and the true edges in the EAP naming ({@code a0.h1->a1.h2<k>}, {@code a1.h2->logits}).
 * The built-in induction model ships one ({@code assets/models/induction-2l/ground-truth.json}); the
 * published IOI and Greater-Than circuits use the same format.
 *
 * <pre>
 * {"model": "induction-2l", "derivation": "…",
 *  "head_classes": {"previous_token": ["a0.h0"], "induction": ["a1.h2"]},
 *  "head_scores": {"a0.h0": {"previous_token": 0.86, "induction": 0.0}},      (optional)
 *  "ablation": {"none": {"loss": 0.0001}, "a0.h0": {"loss": 2.9}},             (optional)
 *  "edges": [{"name": "a0.h0->a1.h2&lt;k&gt;", "from": "a0.h0", "to": "a1.h2", "qkv": "k", "role": "…", "evidence": "…"}]}
 * </pre>
 * Only {@code model}, {@code derivation} and each edge's {@code name} are required; {@code from}, {@code to}
 * and {@code qkv} are checked against the name when present and filled in from it when not. The circuits
 * extracted from ACDC ({@code assets/groundtruth/}) read too: an edge's {@code eapig_name} is preferred to its
 * {@code name}, and ACDC's head names ({@code a9.9}) become EAP names ({@code a9.h9}); other keys are ignored.
 *
 * @param headScores node name → score name → value, e.g. the attention scores that classify heads
 * @param ablation   intervention ("none", a node, an edge or a named group of edges) → measurement → value
 */
public record GroundTruth(String model, String derivation, Map<String, List<String>> headClasses,
                          Map<String, Map<String, Double>> headScores, Map<String, Map<String, Double>> ablation,
                          List<Edge> edges) {

    /**
     * One true edge.
     *
     * @param to  the receiving node ({@code a1.h2}, {@code m0}, {@code logits}), without the q/k/v suffix
     * @param qkv which input of a receiving head, null for MLPs and logits
     */
    public record Edge(String name, String from, String to, Qkv qkv, String role, String evidence) {

        public Edge {
            String expected = from + "->" + to + (qkv == null ? "" : qkv.suffix());
            if (!expected.equals(name)) {
                throw new IllegalArgumentException("edge \"" + name + "\" does not match from/to/qkv (" + expected + ")");
            }
            role = role == null ? "" : role;
            evidence = evidence == null ? "" : evidence;
        }

        /** An edge from its EAP name alone: {@code a0.h1->a1.h2<k>}, {@code m0->logits}. */
        public static Edge parse(String name, String role, String evidence) {
            int arrow = name.indexOf("->");
            if (arrow <= 0 || arrow + 2 >= name.length()) {
                throw new IllegalArgumentException("\"" + name + "\" is not an edge name (expected e.g. a0.h1->a1.h2<k>)");
            }
            String from = name.substring(0, arrow);
            String to = name.substring(arrow + 2);
            Qkv qkv = null;
            for (Qkv q : Qkv.values()) {
                if (to.endsWith(q.suffix())) {
                    qkv = q;
                    to = to.substring(0, to.length() - q.suffix().length());
                }
            }
            return new Edge(name, from, to, qkv, role, evidence);
        }
    }

    public GroundTruth {
        headClasses = copy(headClasses);
        headScores = copyNested(headScores);
        ablation = copyNested(ablation);
        edges = List.copyOf(edges);
        Set<String> seen = new LinkedHashSet<>();
        for (Edge e : edges) {
            if (!seen.add(e.name())) {
                throw new IllegalArgumentException("edge " + e.name() + " is listed twice");
            }
        }
    }

    public List<String> edgeNames() {
        return edges.stream().map(Edge::name).toList();
    }

    /**
     * The edges' indices in {@code graph}.
     *
     * @throws IllegalArgumentException naming the first edge the graph does not have (a truth for another model)
     */
    public int[] edgeIndices(GraphIndex graph) {
        int[] out = new int[edges.size()];
        for (int i = 0; i < out.length; i++) {
            OptionalInt index = graph.edgeIndex(edges.get(i).name());
            if (index.isEmpty()) {
                throw new IllegalArgumentException("ground-truth edge " + edges.get(i).name() + " is not an edge of a graph of "
                        + graph.describe() + " (is the truth for " + model + "?)");
            }
            out[i] = index.getAsInt();
        }
        return out;
    }

    /**
     * Reads a ground-truth file.
     *
     * @throws IOException if the file is missing or not JSON, or a field is missing or has the wrong type; the
     *                     message names the file and the field
     */
    public static GroundTruth read(Path file) throws IOException {
        JsonObject root = JsonFiles.readObject(file, "ground-truth file", "with \"model\", \"derivation\" and \"edges\"");
        String model = string(root, "model", file, "");
        String derivation = string(root, "derivation", file, "");
        Map<String, List<String>> classes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> c : object(root, "head_classes", file, "").entrySet()) {
            String where = "head_classes." + c.getKey();
            if (!c.getValue().isJsonArray()) {
                throw new IOException(file + ": \"" + where + "\" must be a list of node names, got " + c.getValue());
            }
            List<String> heads = new ArrayList<>();
            for (JsonElement h : c.getValue().getAsJsonArray()) {
                if (!h.isJsonPrimitive() || !h.getAsJsonPrimitive().isString()) {
                    throw new IOException(file + ": \"" + where + "\" must hold node names, found " + h);
                }
                heads.add(eapNodeName(h.getAsString()));
            }
            classes.put(c.getKey(), heads);
        }
        Map<String, Map<String, Double>> scores = numberTable(root, "head_scores", file);
        Map<String, Map<String, Double>> ablation = numberTable(root, "ablation", file);
        JsonElement list = root.get("edges");
        if (list == null || !list.isJsonArray()) {
            throw new IOException(file + ": missing \"edges\" (a list of {\"name\": \"a0.h1->a1.h2<k>\", …})");
        }
        List<Edge> edges = new ArrayList<>();
        JsonArray array = list.getAsJsonArray();
        for (int i = 0; i < array.size(); i++) {
            String where = "edges[" + i + "]";
            if (!array.get(i).isJsonObject()) {
                throw new IOException(file + ": \"" + where + "\" must be an object with a \"name\", got " + array.get(i));
            }
            JsonObject o = array.get(i).getAsJsonObject();
            String name = o.has("eapig_name") ? string(o, "eapig_name", file, where + ".") : eapEdgeName(string(o, "name", file, where + "."));
            try {
                Edge parsed = Edge.parse(name, optionalString(o, "role", file, where), optionalString(o, "evidence", file, where));
                String from = o.has("from") ? eapNodeName(string(o, "from", file, where + ".")) : parsed.from();
                String to = o.has("to") ? eapNodeName(string(o, "to", file, where + ".")) : parsed.to();
                Qkv qkv = parsed.qkv();
                if (o.has("qkv") && !o.get("qkv").isJsonNull()) {
                    String q = string(o, "qkv", file, where + ".");
                    qkv = switch (q) {
                        case "q" -> Qkv.Q;
                        case "k" -> Qkv.K;
                        case "v" -> Qkv.V;
                        default -> throw new IOException(file + ": \"" + where + ".qkv\" must be \"q\", \"k\" or \"v\", got \"" + q + "\"");
                    };
                }
                edges.add(new Edge(name, from, to, qkv, parsed.role(), parsed.evidence()));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + where + ": " + e.getMessage(), e);
            }
        }
        try {
            return new GroundTruth(model, derivation, classes, scores, ablation, edges);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file (UTF-8, pretty-printed, keys in the order of the class comment). */
    public void write(Path file) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("model", model);
        root.addProperty("derivation", derivation);
        JsonObject classes = new JsonObject();
        headClasses.forEach((k, v) -> {
            JsonArray a = new JsonArray();
            v.forEach(a::add);
            classes.add(k, a);
        });
        root.add("head_classes", classes);
        root.add("head_scores", table(headScores));
        root.add("ablation", table(ablation));
        JsonArray list = new JsonArray();
        for (Edge e : edges) {
            JsonObject o = new JsonObject();
            o.addProperty("name", e.name());
            o.addProperty("from", e.from());
            o.addProperty("to", e.to());
            if (e.qkv() == null) {
                o.add("qkv", JsonNull.INSTANCE);
            } else {
                o.addProperty("qkv", e.qkv().suffix().substring(1, 2));
            }
            o.addProperty("role", e.role());
            o.addProperty("evidence", e.evidence());
            list.add(o);
        }
        root.add("edges", list);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        org.eapexplorer.io.FiniteJson.requireFinite(file, root);
        String json = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root);
        org.eapexplorer.io.AtomicFiles.writeText(file, out -> out.write(json + "\n"));
    }

    /** {@code a9.9->a10.7<q>} (ACDC's head names) → {@code a9.h9->a10.h7<q>}; EAP names pass unchanged. */
    static String eapEdgeName(String name) {
        int arrow = name.indexOf("->");
        if (arrow < 0) {
            return name;
        }
        String to = name.substring(arrow + 2);
        String suffix = "";
        for (Qkv q : Qkv.values()) {
            if (to.endsWith(q.suffix())) {
                suffix = q.suffix();
                to = to.substring(0, to.length() - suffix.length());
            }
        }
        return eapNodeName(name.substring(0, arrow)) + "->" + eapNodeName(to) + suffix;
    }

    /** {@code a9.9} → {@code a9.h9}; other names unchanged. */
    static String eapNodeName(String node) {
        if (node.matches("a\\d+\\.\\d+")) {
            int dot = node.indexOf('.');
            return node.substring(0, dot + 1) + "h" + node.substring(dot + 1);
        }
        return node;
    }

    private static JsonObject table(Map<String, Map<String, Double>> table) {
        JsonObject o = new JsonObject();
        table.forEach((row, values) -> {
            JsonObject r = new JsonObject();
            values.forEach(r::addProperty);
            o.add(row, r);
        });
        return o;
    }

    private static Map<String, Map<String, Double>> numberTable(JsonObject root, String key, Path file) throws IOException {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> row : object(root, key, file, "").entrySet()) {
            String where = key + "." + row.getKey();
            if (!row.getValue().isJsonObject()) {
                throw new IOException(file + ": \"" + where + "\" must be an object of numbers, got " + row.getValue());
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonElement> v : row.getValue().getAsJsonObject().entrySet()) {
                JsonElement x = v.getValue();
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()) {
                    throw new IOException(file + ": \"" + where + "." + v.getKey() + "\" must be a number, got " + x);
                }
                if (!Double.isFinite(x.getAsDouble())) {
                    throw new IOException(file + ": \"" + where + "." + v.getKey() + "\" is " + x + ", beyond the range of a number");
                }
                values.put(v.getKey(), x.getAsDouble());
            }
            out.put(row.getKey(), values);
        }
        return out;
    }

    /** The object at {@code key}, or an empty one when the key is absent. */
    private static JsonObject object(JsonObject o, String key, Path file, String prefix) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            return new JsonObject();
        }
        if (!e.isJsonObject()) {
            throw new IOException(file + ": \"" + prefix + key + "\" must be an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    private static String string(JsonObject o, String key, Path file, String prefix) throws IOException {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new IOException(file + ": missing \"" + prefix + key + "\"");
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IOException(file + ": \"" + prefix + key + "\" must be a string, got " + e);
        }
        return e.getAsString();
    }

    private static String optionalString(JsonObject o, String key, Path file, String where) throws IOException {
        return o.has(key) && !o.get(key).isJsonNull() ? string(o, key, file, where + ".") : "";
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> m) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Map<String, Double>> copyNested(Map<String, Map<String, Double>> m) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        return Collections.unmodifiableMap(out);
    }
}
