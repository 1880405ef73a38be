package org.eapexplorer.io;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.NodeId;

/** The graph a score file is for, from its {@code cfg} or its edge names: what {@link ScoreJson#read} sizes its scores by. */
final class ScoreFileGraph {

    private ScoreFileGraph() {
    }

    /**
     * The graph's size from {@code cfg} or, failing that, from the head names among the edges, checked against the
     * number of edges listed. Attention-only when {@code cfg.attn_only} says so; else when the file lists {@code nodes}
     * and none is an MLP; else, with a {@code cfg} (EAP-IG's graphs always have MLPs), not; and with neither, when no
     * edge names an {@code m{l}}.
     */
    static GraphIndex of(Path file, JsonObject root, JsonObject edges) throws IOException {
        boolean attnOnly = withoutMlps(file, root, edges);
        boolean parallel = false;
        int layers = 0;
        int heads = 0;
        String declared;
        if (root.has("cfg") && root.get("cfg").isJsonObject() && root.getAsJsonObject("cfg").has("n_layers")
                && root.getAsJsonObject("cfg").has("n_heads")) {
            JsonObject cfg = root.getAsJsonObject("cfg");
            JsonElement parallelFlag = cfg.get("parallel_attn_mlp");
            if (parallelFlag != null && !parallelFlag.isJsonNull()) {
                if (!parallelFlag.isJsonPrimitive() || !parallelFlag.getAsJsonPrimitive().isBoolean()) {
                    throw new IOException(file + ": \"cfg.parallel_attn_mlp\" must be true or false, got " + parallelFlag);
                }
                parallel = parallelFlag.getAsBoolean();
                if (parallel && attnOnly) {
                    throw new IOException(file + ": \"cfg\" says both attn_only and parallel_attn_mlp, but a parallel block needs an MLP");
                }
            }
            layers = ScoreJson.count(file, "cfg.n_layers", cfg.get("n_layers"), 1);
            heads = ScoreJson.count(file, "cfg.n_heads", cfg.get("n_heads"), 1);
            declared = "\"cfg\" declares";
        } else {
            for (String name : edges.keySet()) {
                for (String node : name.replaceAll("<[qkv]>", "").split("->")) {
                    NodeId id = parse(file, name, node);
                    // Saturating: a name like a2147483647.h0 must not wrap round to a negative size.
                    if (id instanceof NodeId.Head h) {
                        layers = Math.max(layers, (int) Math.min(Integer.MAX_VALUE, h.layer() + 1L));
                        heads = Math.max(heads, (int) Math.min(Integer.MAX_VALUE, h.head() + 1L));
                    } else if (id instanceof NodeId.Mlp mlp) {
                        layers = Math.max(layers, (int) Math.min(Integer.MAX_VALUE, mlp.layer() + 1L));
                    }
                }
            }
            if (layers <= 0 || heads <= 0) {
                throw new IOException(file + ": cannot tell the graph's size: no \"cfg\" and no head names among the edges");
            }
            declared = "the edge names imply";
        }
        try {
            return GraphIndex.ofDeclared(layers, heads, attnOnly, parallel, edges.size());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + declared + " " + e.getMessage() + " in \"edges\"");
        }
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

}
