package org.eapexplorer.attribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.model.GraphIndex;

/**
 * Exact patching of many edges, receiver by receiver, with progress and an ETA, cancellable between
 * receivers, and resumable through a {@link PatchCache}: what the cache holds is not computed again, and
 * each receiver's results are in the cache before the next receiver starts.
 */
public final class PatchingSweep {

    private PatchingSweep() {
    }

    /**
     * @param cache may be null (nothing is read or kept)
     * @return effects [edge][λ], in the order of {@code edges}
     */
    public static double[][] run(EdgePatcher patcher, GraphIndex graph, int[] edges, double[] lambdas, PatchCache cache,
                                 ProgressListener progress, CancellationToken cancel) {
        double[][] out = new double[edges.length][];
        Map<Integer, List<Integer>> todo = new LinkedHashMap<>();
        int cached = 0;
        for (int i = 0; i < edges.length; i++) {
            double[] hit = cache == null ? null : fromCache(cache, graph.edgeName(edges[i]), lambdas);
            if (hit != null) {
                out[i] = hit;
                cached++;
            } else {
                todo.computeIfAbsent(graph.receiverOf(edges[i]), r -> new ArrayList<>()).add(i);
            }
        }
        int total = edges.length;
        int done = cached;
        long start = System.nanoTime();
        progress.progress(done, total, cached > 0 ? cached + " of " + total + " edges from the cache" : "patching " + total + " edges");
        for (List<Integer> group : todo.values()) {
            cancel.throwIfCancelled();
            int[] groupEdges = group.stream().mapToInt(i -> edges[i]).toArray();
            double[][] effects = patcher.effects(groupEdges, lambdas, cancel::throwIfCancelled);
            for (int j = 0; j < group.size(); j++) {
                out[group.get(j)] = effects[j];
                if (cache != null) {
                    for (int k = 0; k < lambdas.length; k++) {
                        put(cache, graph.edgeName(groupEdges[j]), lambdas[k], effects[j][k]);
                    }
                }
            }
            flush(cache);
            done += group.size();
            double elapsed = (System.nanoTime() - start) / 1e9;
            double eta = elapsed / (done - cached) * (total - done);
            progress.progress(done, total, String.format("patched %d of %d edges (%s into %s), ETA %s", done, total,
                    group.size(), graph.receivers().get(graph.receiverOf(groupEdges[0])).name(), duration(eta)));
        }
        return out;
    }

    private static double[] fromCache(PatchCache cache, String edge, double[] lambdas) {
        double[] row = new double[lambdas.length];
        for (int k = 0; k < lambdas.length; k++) {
            Double v = cache.get(edge, lambdas[k]);
            if (v == null) {
                return null;
            }
            row[k] = v;
        }
        return row;
    }

    private static void put(PatchCache cache, String edge, double lambda, double effect) {
        try {
            cache.put(edge, lambda, effect);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the patching cache " + cache.file(), e);
        }
    }

    private static void flush(PatchCache cache) {
        if (cache != null) {
            try {
                cache.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the patching cache " + cache.file(), e);
            }
        }
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
