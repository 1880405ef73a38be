package org.eapexplorer.attribution;

import java.util.List;
import org.eapexplorer.engine.EapKernel;
import org.eapexplorer.engine.FiniteResults;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.TokenizedPair;

/**
 * Edge Attribution Patching over a whole prompt set (Syed, Rager, Conmy 2023, Eq. 2), or one of its successors
 * ({@link AttributionMethod}): the pairs are
 * processed in batches and the batch scores summed in double precision. Every batch uses L's factor 1/N
 * for the full set, so the sum is exactly the score of L = mean_i m_i, whatever the batch size.
 */
public final class EapAttributor {

    private final LanguageModel model;

    public EapAttributor(LanguageModel model) {
        this.model = model;
    }

    public EapResult run(List<TokenizedPair> pairs, MetricKind metric, int batchSize, ProgressListener progress,
                         CancellationToken cancel) {
        return run(pairs, metric, MethodSpec.EAP, batchSize, progress, cancel);
    }

    public EapResult run(List<TokenizedPair> pairs, MetricKind metric, MethodSpec method, int batchSize, ProgressListener progress,
                         CancellationToken cancel) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("no prompt pairs to attribute");
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int requested = batchSize;
        int tokens = pairs.stream().mapToInt(p -> Math.max(p.clean().length, p.corrupted().length)).max().orElse(1);
        batchSize = model.fitBatchSize(Math.min(batchSize, pairs.size()), tokens, method);
        if (batchSize < Math.min(requested, pairs.size())) {
            org.eapexplorer.engine.EapMemory memory = model.memory(method);
            progress.progress(0, pairs.size(), "batch of " + Math.min(requested, pairs.size()) + " pairs lowered to " + batchSize
                    + ": a pair of " + tokens + "-token prompts takes " + org.eapexplorer.engine.EapMemory.gib(memory.perPair(tokens))
                    + ", a batch of a half-precision model at most " + org.eapexplorer.engine.EapMemory.gib(memory.leanBatchBytes()) + ", and "
                    + org.eapexplorer.engine.EapMemory.gib(model.device().freeBytes()) + " is free");
        }
        long start = System.nanoTime();
        int n = pairs.size();
        int edges = model.graph().edgeCount();
        double[] sum = new double[edges];
        double metricClean = 0;
        double metricCorrupted = 0;
        long forward = 0;
        long backward = 0;
        long scoring = 0;
        int batches = 0;
        for (int from = 0; from < n; from += batchSize) {
            cancel.throwIfCancelled();
            int to = Math.min(n, from + batchSize);
            progress.progress(from, n, method.describe() + " on pairs " + (from + 1) + "–" + to + " of " + n);
            EapKernel.BatchResult batch = EapKernel.run(model, pairs.subList(from, to), metric, 1.0 / n, method);
            // A NaN run fails at its first batch, naming it, rather than after every batch has been computed for nothing.
            FiniteResults.requirePerPair("the clean run's " + metric.jsonName(), batch.metricClean(), from, n);
            FiniteResults.requirePerPair("the corrupted run's " + metric.jsonName(), batch.metricCorrupted(), from, n);
            float[] s = batch.scores();
            for (int e = 0; e < edges; e++) {
                sum[e] += s[e];
            }
            for (int i = 0; i < batch.metricClean().length; i++) {
                metricClean += batch.metricClean()[i];
                metricCorrupted += batch.metricCorrupted()[i];
            }
            forward += batch.timings().corruptedForwardNanos() + batch.timings().cleanForwardNanos();
            backward += batch.timings().backwardNanos();
            scoring += batch.timings().scoringNanos();
            batches++;
        }
        progress.progress(n, n, method.describe() + " done: " + n + " pairs, " + edges + " edges");
        float[] scores = new float[edges];
        for (int e = 0; e < edges; e++) {
            scores[e] = (float) sum[e];
        }
        EdgeScores edgeScores = new EdgeScores(model.graph(), scores);
        FiniteResults.requireScores(edgeScores);
        return new EapResult(edgeScores, metricClean / n, metricCorrupted / n, n, batches,
                forward / 1e6, backward / 1e6, scoring / 1e6, (System.nanoTime() - start) / 1e6, method);
    }
}
