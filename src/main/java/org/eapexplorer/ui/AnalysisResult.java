package org.eapexplorer.ui;

import java.nio.file.Path;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;

/**
 * One finished EAP run as the window holds it: plain scores and numbers, no engine objects.
 *
 * @param promptFile        the prompt file, or null when the scores came from a session without one
 * @param deviceDescription where it ran, e.g. "CPU (2 threads)"
 * @param loadMillis        model loading (0 when the model was already loaded)
 * @param eapMillis         tokenising and attribution
 * @param referenceEdges    edges of a known circuit shipped with the model ({@code ground-truth.json}), or null
 * @param inputConventions  how the model reads its input where it differs from GPT-2 ("shortformer positions, BOS 0
 *                          prepended"), empty for GPT-2's own
 * @param method            how the scores were computed; null when the source does not say (a score file without
 *                          EAP Explorer's metadata, such as EAP-IG's own)
 * @param computedFrom      what the scores were computed from ({@link org.eapexplorer.io.PatchCache#inputsKey}: the
 *                          model folder's files, the prompt file's bytes, the metric), taken when the run read them; null
 *                          when not known (a session or score file opened). Patching checks it so that effects and
 *                          scores never come from two versions of a model, and λ-curves kept for one are not shown
 *                          beside the other's scores.
 */
public record AnalysisResult(Path modelDir, Path promptFile, String promptSource, MetricKind metric, int pairs,
                             String deviceDescription, EdgeScores scores, double metricClean, double metricCorrupted,
                             double loadMillis, double eapMillis, int[] referenceEdges, String inputConventions,
                             MethodSpec method, String computedFrom) {

    public AnalysisResult {
        inputConventions = inputConventions == null ? "" : inputConventions;
    }

    /** A result whose inputs' identity is not known (a session or score file opened). */
    public AnalysisResult(Path modelDir, Path promptFile, String promptSource, MetricKind metric, int pairs,
                          String deviceDescription, EdgeScores scores, double metricClean, double metricCorrupted,
                          double loadMillis, double eapMillis, int[] referenceEdges, String inputConventions,
                          MethodSpec method) {
        this(modelDir, promptFile, promptSource, metric, pairs, deviceDescription, scores, metricClean, metricCorrupted,
                loadMillis, eapMillis, referenceEdges, inputConventions, method, null);
    }

    /** A result of plain EAP, the only method before methods were a choice. */
    public AnalysisResult(Path modelDir, Path promptFile, String promptSource, MetricKind metric, int pairs,
                          String deviceDescription, EdgeScores scores, double metricClean, double metricCorrupted,
                          double loadMillis, double eapMillis, int[] referenceEdges, String inputConventions) {
        this(modelDir, promptFile, promptSource, metric, pairs, deviceDescription, scores, metricClean, metricCorrupted,
                loadMillis, eapMillis, referenceEdges, inputConventions, MethodSpec.EAP);
    }

    /** A result for a model that reads its input as GPT-2 does. */
    public AnalysisResult(Path modelDir, Path promptFile, String promptSource, MetricKind metric, int pairs,
                          String deviceDescription, EdgeScores scores, double metricClean, double metricCorrupted,
                          double loadMillis, double eapMillis, int[] referenceEdges) {
        this(modelDir, promptFile, promptSource, metric, pairs, deviceDescription, scores, metricClean, metricCorrupted,
                loadMillis, eapMillis, referenceEdges, "");
    }

    /** A result without a reference circuit. */
    public AnalysisResult(Path modelDir, Path promptFile, String promptSource, MetricKind metric, int pairs,
                          String deviceDescription, EdgeScores scores, double metricClean, double metricCorrupted,
                          double loadMillis, double eapMillis) {
        this(modelDir, promptFile, promptSource, metric, pairs, deviceDescription, scores, metricClean, metricCorrupted,
                loadMillis, eapMillis, null);
    }

    /** The same result, computed by {@code spec} (null: not known). */
    public AnalysisResult withMethod(MethodSpec spec) {
        return new AnalysisResult(modelDir, promptFile, promptSource, metric, pairs, deviceDescription, scores, metricClean,
                metricCorrupted, loadMillis, eapMillis, referenceEdges, inputConventions, spec, computedFrom);
    }

    /** The method as the window names it, e.g. "EAP-IG (inputs), 5 steps"; said to be unknown where the source did not say. */
    public String methodDescription() {
        return method == null ? "method not recorded" : method.describe();
    }

    /**
     * The method's name for labels and captions, "EAP-IG (inputs)" (without its steps, which {@link #methodDescription}
     * adds); "unrecorded method" where the source did not say.
     */
    public String methodLabel() {
        return method == null ? "unrecorded method" : method.method().label();
    }

    /** {@link #methodLabel()} of {@code r}, or "EAP" (the Run button's default) before any result. */
    public static String methodLabelOf(AnalysisResult r) {
        return r == null ? org.eapexplorer.model.AttributionMethod.EAP.label() : r.methodLabel();
    }

    public boolean hasReference() {
        return referenceEdges != null;
    }

    /** The reference circuit as a bit set over edge indices (empty when there is none). */
    public java.util.BitSet referenceBits() {
        java.util.BitSet bits = new java.util.BitSet(edgeCount());
        if (referenceEdges != null) {
            for (int e : referenceEdges) {
                bits.set(e);
            }
        }
        return bits;
    }

    public int edgeCount() {
        return scores.graph().edgeCount();
    }
}
