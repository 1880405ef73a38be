package org.eapexplorer.ui.patching;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;

/**
 * Exact λ-curves (effects at {@link LambdaCurve#defaultLambdas()}) already computed, by edge, for one model directory,
 * prompt file and metric: reselecting an edge shows its curve without a job. The exact curve does not depend on the
 * scoring method, so a new result by another method on the same unchanged inputs keeps the cache; other inputs, or the
 * same files changed on disk, empty it.
 */
final class CurveCache {

    /**
     * What an exact curve depends on besides the edge: the paths, the metric and what was in the files when the scores
     * were computed ({@link AnalysisResult#computedFrom()}), so that a run after an edit of the model or the prompts
     * does not show the curves of the files before it.
     */
    record Inputs(Path modelDir, Path promptFile, MetricKind metric, String computedFrom) {

        /** The inputs of {@code r}, or null when its scores came without a prompt file (nothing can be patched). */
        static Inputs of(AnalysisResult r) {
            if (r == null || r.promptFile() == null || r.modelDir() == null) {
                return null;
            }
            return new Inputs(r.modelDir().toAbsolutePath().normalize(), r.promptFile().toAbsolutePath().normalize(), r.metric(),
                    r.computedFrom());
        }
    }

    private Inputs inputs;
    private final Map<Integer, double[]> effects = new HashMap<>();

    /** The effects of {@code edge} on {@code r}'s inputs, or null when not computed. */
    double[] get(AnalysisResult r, int edge) {
        Inputs of = Inputs.of(r);
        return of != null && of.equals(inputs) ? effects.get(edge) : null;
    }

    /** Keeps {@code edgeEffects} (at the default λ; other λ are not kept) for {@code r}'s inputs, forgetting other inputs'. */
    void put(AnalysisResult r, int edge, double[] lambdas, double[] edgeEffects) {
        Inputs of = Inputs.of(r);
        if (of == null || !Arrays.equals(lambdas, LambdaCurve.defaultLambdas())) {
            return;
        }
        follow(r);
        effects.put(edge, edgeEffects.clone());
    }

    /** Empties the cache unless {@code r} (the result now shown) has the inputs it holds curves for. */
    void follow(AnalysisResult r) {
        Inputs of = Inputs.of(r);
        if (of == null || !of.equals(inputs)) {
            effects.clear();
            inputs = of;
        }
    }

    int size() {
        return effects.size();
    }
}
