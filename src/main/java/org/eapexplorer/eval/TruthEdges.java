package org.eapexplorer.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eapexplorer.model.GraphIndex;

/**
 * A ground-truth circuit resolved against one model's graph: the true edges as a bit set over
 * {@link GraphIndex} edges, the q/k/v receivers whose input→projection edge ACDC also counts, and the head
 * classes (name movers, induction heads, …) for breakdowns by role.
 *
 * <p>Reads the published circuits as extracted from ACDC (edges with {@code eapig_name} = {@code a9.h9->logits}
 * and ACDC-style {@code name} = {@code a9.9->logits}; {@code direct_computation_edges} from
 * {@code a11.10<q>_input}) and this program's own ground-truth files (edges with {@code name} in EAP naming).
 */
public record TruthEdges(String source, BitSet edges, BitSet directReceivers, Map<String, List<String>> headClasses) {

    public static TruthEdges read(Path file, GraphIndex graph) throws IOException {
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject() || !e.getAsJsonObject().has("edges") || !e.getAsJsonObject().get("edges").isJsonArray()) {
                throw new IOException(file + ": expected a JSON object with an \"edges\" list");
            }
            root = e.getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such ground-truth file");
        } catch (JsonParseException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        BitSet edges = new BitSet(graph.edgeCount());
        JsonArray list = root.getAsJsonArray("edges");
        for (int i = 0; i < list.size(); i++) {
            String name = edgeName(list.get(i));
            OptionalInt index = graph.edgeIndex(name);
            if (index.isEmpty()) {
                throw new IOException(file + ": edge " + (i + 1) + " \"" + name + "\" is not an edge of a graph of "
                        + graph.nLayer() + " layers × " + graph.nHead() + " heads (is the truth for another model?)");
            }
            edges.set(index.getAsInt());
        }
        BitSet direct = new BitSet(graph.receiverCount());
        if (root.has("direct_computation_edges")) {
            for (JsonElement d : root.getAsJsonArray("direct_computation_edges")) {
                String to = eapNodeName(d.getAsJsonObject().get("to").getAsString());
                OptionalInt receiver = graph.receiverIndex(to);
                if (receiver.isEmpty()) {
                    throw new IOException(file + ": direct computation edge into \"" + to + "\" has no such receiver");
                }
                direct.set(receiver.getAsInt());
            }
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        if (root.has("head_classes") && root.get("head_classes").isJsonObject()) {
            for (Map.Entry<String, JsonElement> c : root.getAsJsonObject("head_classes").entrySet()) {
                classes.put(c.getKey(), c.getValue().getAsJsonArray().asList().stream().map(h -> eapNodeName(h.getAsString())).toList());
            }
        }
        return new TruthEdges(file.getFileName().toString(), edges, direct, classes);
    }

    private static String edgeName(JsonElement edge) {
        if (edge.isJsonPrimitive()) {
            return eapEdgeName(edge.getAsString());
        }
        JsonObject o = edge.getAsJsonObject();
        return o.has("eapig_name") ? o.get("eapig_name").getAsString() : eapEdgeName(o.get("name").getAsString());
    }

    /** {@code a9.9->a10.7<q>} (ACDC's head names) → {@code a9.h9->a10.h7<q>}; EAP names pass unchanged. */
    static String eapEdgeName(String name) {
        int arrow = name.indexOf("->");
        if (arrow < 0) {
            return name;
        }
        return eapNodeName(name.substring(0, arrow)) + "->" + eapNodeName(name.substring(arrow + 2));
    }

    /** {@code a9.9} → {@code a9.h9}, {@code a11.10<q>_input} → {@code a11.h10<q>}; other names unchanged. */
    static String eapNodeName(String node) {
        String n = node.endsWith("_input") ? node.substring(0, node.length() - "_input".length()) : node;
        if (n.matches("a\\d+\\.\\d+(<[qkv]>)?")) {
            int dot = n.indexOf('.');
            return n.substring(0, dot + 1) + "h" + n.substring(dot + 1);
        }
        return n;
    }
}
