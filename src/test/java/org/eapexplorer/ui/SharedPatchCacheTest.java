package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.cli.EapCli;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.io.ScoreJson;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.ui.patching.PatchScatter;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's patching sweep keeps its edges in patch-all's cache (same folder, same key): a sweep cancelled in one
 * window continues in the next without redoing finished edges, and a sweep done by {@code patch-all} shows in the
 * window with no patching pass at all. Every patched edge is appended to the cache file once, so the file's lines count
 * the passes: an edge patched twice would appear twice, and a sweep that patches nothing leaves the file as it was.
 */
class SharedPatchCacheTest extends WindowTest {

    private Path cacheDir() {
        return tempDir.resolve("patch-cache");
    }

    /** The one cache file of the built-in model's sweep, edge name → effect; fails if an edge appears twice. */
    private Map<String, Double> cacheLines() throws Exception {
        Map<String, Double> effects = new HashMap<>();
        try (var files = Files.list(cacheDir())) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            for (String line : Files.readAllLines(all.get(0))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject json = JsonParser.parseString(line).getAsJsonObject();
                Double before = effects.put(json.get("edge").getAsString(), json.get("effect").getAsDouble());
                assertNull(before, "edge " + json.get("edge") + " was patched twice");
            }
        }
        return effects;
    }

    private Path cacheFile() throws Exception {
        try (var files = Files.list(cacheDir())) {
            return files.findFirst().orElseThrow();
        }
    }

    /** Every edge's effect at λ = 1 from EdgePatcher directly, on a model of its own. */
    private static double[] oracle(AnalysisResult r, int[] edges) throws Exception {
        PromptSet set = PromptPairFile.read(r.promptFile());
        try (LanguageModel model = LanguageModel.load(r.modelDir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(r.modelDir())) {
            try (EdgePatcher patcher = EdgePatcher.prepare(model, PromptEncoder.encode(set, tokenizer, model.config()), set.metric())) {
                double[][] e = patcher.effects(edges, new double[] {1.0});
                double[] out = new double[edges.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = e[i][0];
                }
                return out;
            }
        }
    }

    private int allEdges() throws Exception {
        return fx(() -> app.models().circuits().ranking().scoredCount());
    }

    @Test
    void aSweepCancelledInTheWindowResumesInANewWindowWithoutRedoingFinishedEdges() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        int n = allEdges();
        JobHandle first = fx(() -> app.models().patching().patchTopN(n));
        // Cancel as soon as the first receiver's edges are on disk, long before the sweep's end.
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Files.isDirectory(cacheDir()) && !cacheLines().isEmpty());
        first.cancel();
        await(first);
        assertNull(fx(() -> app.models().patching().scatter()), "the cancelled sweep shows nothing");
        Map<String, Double> beforeRestart = cacheLines();
        assertTrue(beforeRestart.size() < n, "cancelled after " + beforeRestart.size() + " of " + n + " edges");

        // A restart: a new window (new context, view models, model) on the same cache folder.
        WindowFixture.fxRun(app.context::close);
        WindowFixture.fxRun(() -> app = new WindowFixture(new javafx.stage.Stage(), tempDir));
        AnalysisResult again = app.runBuiltIn();
        await(fx(() -> app.models().patching().patchTopN(n)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        PatchScatter s = fx(() -> app.models().patching().scatter());
        assertEquals(n, s.size());
        assertTrue(fx(() -> app.state().statusProperty().get()).contains("(" + beforeRestart.size() + " from the cache)"),
                fx(() -> app.state().statusProperty().get()));

        Map<String, Double> after = cacheLines();  // fails if any edge was patched a second time
        assertEquals(n, after.size());
        GraphIndex graph = again.scores().graph();
        double[] exact = oracle(again, s.edges());
        for (int i = 0; i < n; i++) {
            String name = graph.edgeName(s.edges()[i]);
            Double kept = beforeRestart.get(name);
            if (kept != null) {
                assertEquals(kept, s.patched()[i], 0.0, name + " comes back as it was computed before the restart");
            }
            assertEquals(exact[i], s.patched()[i], 1e-5 * Math.max(1, Math.abs(exact[i])), name);
        }
        assertNotNull(r);
    }

    @Test
    void aSweepDoneByPatchAllShowsInTheWindowWithoutPatching() throws Exception {
        AnalysisResult r = app.runBuiltIn();
        Path out = tempDir.resolve("patch-all.json");
        assertEquals(0, EapCli.run("patch-all", "--model", r.modelDir().toString(), "--prompts", r.promptFile().toString(),
                "--device", "cpu", "--cache", cacheDir().toString(), "--out", out.toString()));
        byte[] cacheBefore = Files.readAllBytes(cacheFile());
        int n = allEdges();
        assertEquals(n, cacheLines().size());

        await(fx(() -> app.models().patching().patchTopN(n)));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        PatchScatter s = fx(() -> app.models().patching().scatter());
        assertEquals(n, s.size());
        assertTrue(fx(() -> app.state().statusProperty().get()).contains("(" + n + " from the cache)"),
                fx(() -> app.state().statusProperty().get()));
        assertArrayEquals(cacheBefore, Files.readAllBytes(cacheFile()), "the window's sweep patched nothing");
        var fromCommand = ScoreJson.read(out).scores();
        for (int i = 0; i < n; i++) {
            assertEquals(fromCommand.score(s.edges()[i]), s.patched()[i], 1e-6 * Math.max(1, Math.abs(s.patched()[i])));
        }
    }
}
