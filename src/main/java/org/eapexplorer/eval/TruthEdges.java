package org.eapexplorer.eval;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.GraphIndex;

/**
 * A ground-truth circuit resolved against one model's graph: the true edges as a bit set over
 * {@link GraphIndex} edges, the q/k/v receivers whose input→projection edge ACDC also counts, and the head
 * classes (name movers, induction heads, …) for breakdowns by role.
 *
 * <p>The edges and head classes come from {@link GroundTruth} (this program's own files and the circuits
 * extracted from ACDC); added here are ACDC's {@code direct_computation_edges} ({@code a11.10<q>_input ->
 * a11.10<q>}), which only ACDC's way of counting a ROC curve uses.
 */
public record TruthEdges(String source, BitSet edges, BitSet directReceivers, Map<String, List<String>> headClasses) {

    public static TruthEdges read(Path file, GraphIndex graph) throws IOException {
        GroundTruth truth = GroundTruth.read(file);
        BitSet edges = new BitSet(graph.edgeCount());
        try {
            for (int e : truth.edgeIndices(graph)) {
                edges.set(e);
            }
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        BitSet direct = new BitSet(graph.receiverCount());
        JsonObject root = JsonFiles.readObject(file, "ground-truth file", "with \"model\", \"derivation\" and \"edges\"");
        JsonElement list = root.get("direct_computation_edges");
        if (list != null && !list.isJsonNull()) {
            if (!list.isJsonArray()) {
                throw new IOException(file + ": \"direct_computation_edges\" must be a list of {\"to\": \"a11.10<q>_input\"}, got "
                        + JsonFiles.kindOf(list));
            }
            for (int i = 0; i < list.getAsJsonArray().size(); i++) {
                JsonElement d = list.getAsJsonArray().get(i);
                JsonElement toJson = d.isJsonObject() ? d.getAsJsonObject().get("to") : null;
                if (toJson == null || !toJson.isJsonPrimitive() || !toJson.getAsJsonPrimitive().isString()) {
                    throw new IOException(file + ": \"direct_computation_edges[" + i + "]\" must be an object with a \"to\" node name, got " + d);
                }
                String to = eapNodeName(toJson.getAsString());
                OptionalInt receiver = graph.receiverIndex(to);
                if (receiver.isEmpty()) {
                    throw new IOException(file + ": direct computation edge into \"" + to + "\" has no such receiver");
                }
                direct.set(receiver.getAsInt());
            }
        }
        Map<String, List<String>> classes = new LinkedHashMap<>();
        truth.headClasses().forEach((role, heads) -> classes.put(role, heads.stream().map(TruthEdges::eapNodeName).toList()));
        return new TruthEdges(file.getFileName().toString(), edges, direct, classes);
    }

    /** ACDC's q/k/v input node {@code a11.10<q>_input} → the receiver {@code a11.h10<q>}; other names as {@link GroundTruth} maps them. */
    static String eapNodeName(String node) {
        String n = node.endsWith("_input") ? node.substring(0, node.length() - "_input".length()) : node;
        int suffix = n.indexOf('<');
        return suffix < 0 ? GroundTruth.eapNodeName(n) : GroundTruth.eapNodeName(n.substring(0, suffix)) + n.substring(suffix);
    }
}
