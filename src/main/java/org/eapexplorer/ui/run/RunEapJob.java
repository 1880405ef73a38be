package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.attribution.EapAttributor;
import org.eapexplorer.attribution.EapResult;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.eval.GroundTruth;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.ui.AnalysisResult;

/** Reads the prompts, loads the model (or reuses it) and computes the chosen method's scores; runs on the worker thread. */
public final class RunEapJob implements BackgroundJob<AnalysisResult> {

    /** A known circuit shipped beside the weights; the histogram then shows its edges as a second series. */
    public static final String GROUND_TRUTH = "ground-truth.json";

    private final RunRequest request;
    private final ModelCache cache;
    private final org.eapexplorer.ui.ScoreRankings rankings;

    /** @param rankings where the result is ranked, on the worker, so that showing it does not sort on the FX thread */
    public RunEapJob(RunRequest request, ModelCache cache, org.eapexplorer.ui.ScoreRankings rankings) {
        this.request = request;
        this.cache = cache;
        this.rankings = rankings;
    }

    /** What this job computes, as it was asked. */
    public RunRequest request() {
        return request;
    }

    @Override
    public AnalysisResult run(JobContext context) throws Exception {
        ModelCache.Prepared prepared = cache.prepare(request.modelDir(), request.promptFile(), request.device(), context);
        ModelCache.Loaded loaded = prepared.loaded();
        String computedFrom = computedFrom(loaded, request.promptFile());
        PromptSet set = prepared.prompts();
        List<TokenizedPair> pairs = prepared.pairs();
        long start = System.nanoTime();
        EapResult result = new EapAttributor(loaded.model())
                .run(pairs, set.metric(), request.method(), RunRequest.BATCH_SIZE, context, context.cancellation());
        double eapMillis = (System.nanoTime() - start) / 1e6;
        rankings.of(result.scores());
        return new AnalysisResult(request.modelDir(), request.promptFile(), set.source(), set.metric(), set.size(),
                loaded.model().deviceDescription(), result.scores(), result.metricClean(), result.metricCorrupted(),
                loaded.loadMillis(), eapMillis, referenceEdges(request.modelDir(), result.scores().graph()),
                PromptEncoder.inputConventions(loaded.model().config(), loaded.tokenizer()), result.method(), computedFrom);
    }

    /**
     * {@link AnalysisResult#computedFrom()}: the model's files as the cache took them before loading it (so a file changed
     * while it loads makes the key stale, never the scores unkeyed), and the prompt file; null when a file cannot be read.
     */
    static String computedFrom(ModelCache.Loaded loaded, Path promptFile) {
        try {
            return loaded.files() == null ? null : PatchCache.inputsKey(loaded.files(), promptFile);
        } catch (IOException e) {
            return null;
        }
    }

    /** The edges of the circuit a model ships in {@code ground-truth.json} (the built-in model does), or null. */
    static int[] referenceEdges(Path modelDir, GraphIndex graph) throws IOException {
        Path file = modelDir.resolve(GROUND_TRUTH);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return GroundTruth.read(file).edgeIndices(graph);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
