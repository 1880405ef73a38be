package org.eapexplorer.circuit;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.io.ScoreFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.io.ScoreMetadataJson;
import org.eapexplorer.model.GraphIndex;

/**
 * A circuit as a score file: the members {@link org.eapexplorer.io.ScoreJson} writes, with {@code in_graph} set
 * from the circuit for every node and edge, plus a {@code circuit} member describing the cut. So the file reads
 * back with {@code ScoreJson.read} (same scores) and with EAP-IG's {@code Graph.from_json}, which takes
 * {@code cfg}, {@code nodes: {name: {"in_graph"}}} and {@code edges: {name: {"score", "in_graph"}}} (but it also
 * wants {@code cfg.d_model}, which a circuit drawn from a score file alone does not know: written only when the caller
 * passes the metadata that knows it, as the window's export does).
 */
public final class CircuitJson {

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    private CircuitJson() {
    }

    /** @param source where the scores came from (model, prompts, metric…), or null when unknown */
    public static void write(Path file, Circuit circuit, ScoreFile source) throws IOException {
        write(file, circuit, source, null);
    }

    /**
     * @param metadata what the scores are (method, steps, model and prompts by SHA-256, {@code cfg.d_model}), written as
     *                 ScoreJson writes it; null to leave it out
     */
    public static void write(Path file, Circuit circuit, ScoreFile source, org.eapexplorer.io.ScoreMetadata metadata) throws IOException {
        float[] s = circuit.scores().scores();
        for (int e = 0; e < s.length; e++) {
            if (Float.isInfinite(s[e])) {
                throw new IOException(file + ": score of " + circuit.graph().edgeName(e) + " is " + s[e]
                        + "; refusing to write a non-finite score");
            }
        }
        AtomicFiles.writeText(file, out -> writeTo(out, circuit, source, metadata));
    }

    static void writeTo(Writer out, Circuit circuit, ScoreFile source) throws IOException {
        writeTo(out, circuit, source, null);
    }

    static void writeTo(Writer out, Circuit circuit, ScoreFile source, org.eapexplorer.io.ScoreMetadata metadata) throws IOException {
        GraphIndex graph = circuit.graph();
        EdgeTable table = circuit.table();
        JsonObject head = new JsonObject();
        if (source != null) {
            head.addProperty("model", source.model());
            head.addProperty("prompts", source.prompts());
            head.addProperty("metric", source.metric());
            head.addProperty("pairs", source.pairs());
            head.addProperty("device", source.device());
            number(head, "metric_clean", source.metricClean());
            number(head, "metric_corrupted", source.metricCorrupted());
            JsonObject timing = new JsonObject();
            for (Map.Entry<String, Double> t : source.timingMillis().entrySet()) {
                number(timing, t.getKey(), Math.round(t.getValue() * 10) / 10.0);
            }
            head.add("timing_ms", timing);
        }
        if (metadata != null) {
            head.add("metadata", ScoreMetadataJson.toJson(source == null ? null : source.metric(), metadata));
        }
        JsonObject cfg = new JsonObject();
        cfg.addProperty("n_layers", graph.nLayer());
        cfg.addProperty("n_heads", graph.nHead());
        cfg.addProperty("parallel_attn_mlp", false);
        if (metadata != null && metadata.dModel() > 0) {
            cfg.addProperty("d_model", metadata.dModel());  // EAP-IG's from_json needs it, as ScoreJson writes it
        }
        if (graph.attnOnly()) {
            cfg.addProperty("attn_only", true);  // as ScoreJson writes it
        }
        head.add("cfg", cfg);
        head.add("circuit", describe(circuit));
        JsonObject nodes = new JsonObject();
        for (int n = 0; n < table.nodeCount(); n++) {
            nodes.add(table.nodeName(n), ScoreJson.node(circuit.hasNode(n)));
        }
        head.add("nodes", nodes);
        // Same layout as ScoreJson: pretty head, then one edge per line (32,491 lines stay diffable).
        String prefix = PRETTY.toJson(head);
        out.write(prefix.substring(0, prefix.lastIndexOf('}')).stripTrailing());
        out.write(",\n  \"edges\": {");
        float[] s = circuit.scores().scores();
        for (int e = 0; e < s.length; e++) {
            out.write(e == 0 ? "\n    \"" : ",\n    \"");
            out.write(graph.edgeName(e));
            out.write("\": {\"score\": ");
            // Unscored edges (NaN) as null, which ScoreJson.read turns back into NaN.
            out.write(Float.isNaN(s[e]) ? "null" : Float.toString(s[e]));
            out.write(circuit.hasEdge(e) ? ", \"in_graph\": true}" : ", \"in_graph\": false}");
        }
        out.write("\n  }\n}\n");
    }

    private static JsonObject describe(Circuit circuit) {
        JsonObject c = new JsonObject();
        if (circuit.cut() instanceof Cut.TopK top) {
            c.addProperty("top_k", top.k());
        } else if (circuit.cut() instanceof Cut.AtLeast at) {
            c.addProperty("threshold", at.absThreshold());
        } else {
            c.addProperty("chosen_by", circuit.cut().describe());
        }
        double t = circuit.absThreshold();
        if (Double.isFinite(t) && (double) (float) t == t) {
            // A top-k threshold is a float score: written as one, 0.2 rather than 0.20000000298023224.
            c.addProperty("abs_threshold", (float) t);
        } else {
            number(c, "abs_threshold", t);
        }
        c.addProperty("pruned", circuit.isPruned());
        c.addProperty("edges_in_graph", circuit.edgeCount());
        c.addProperty("nodes_in_graph", circuit.nodeCount());
        return c;
    }

    /** Gson refuses NaN and ±∞ by default; JSON has no such numbers, so they become null. */
    private static void number(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, JsonNull.INSTANCE);
        }
    }
}
