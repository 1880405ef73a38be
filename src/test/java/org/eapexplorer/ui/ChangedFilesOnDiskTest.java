package org.eapexplorer.ui;

import static org.eapexplorer.ui.WindowFixture.TINY;
import static org.eapexplorer.ui.WindowFixture.TINY_PROMPTS;
import static org.eapexplorer.ui.WindowFixture.await;
import static org.eapexplorer.ui.WindowFixture.fx;
import static org.eapexplorer.ui.WindowFixture.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.circuit.ScoreRanking;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.eapexplorer.ui.patching.LambdaCurve;
import org.eapexplorer.ui.patching.PatchingViewModel;
import org.eapexplorer.ui.run.RunRequest;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 24, item 2's kind in the window: what the window keeps between jobs (λ-curves by edge) and what patching
 * computes are tied to the files the scores were computed from, not to their paths. An edit of config.json after a run
 * makes patching refuse until the method runs again; after the run, an edge's curve is computed anew on the edited model.
 */
class ChangedFilesOnDiskTest extends WindowTest {

    private static final AtomicInteger COPIES = new AtomicInteger();

    /** A copy of the tiny model the test may edit. */
    private static Path copyOfTiny() throws Exception {
        Path dir = tempDir.resolve("edited-" + COPIES.incrementAndGet());
        Files.createDirectories(dir);
        for (String name : new String[] {"config.json", "model.safetensors", "tokenizer.json"}) {
            Files.copy(TINY.resolve(name), dir.resolve(name));
        }
        return dir;
    }

    private ScoreRanking run(Path model) throws Exception {
        await(fx(() -> app.models().run().run(new RunRequest(model, TINY_PROMPTS, ComputeDevice.CPU))));
        assertTrue(app.errors.isEmpty(), app.errors.toString());
        return app.models().circuits().ranking();
    }

    private PatchingViewModel patching() {
        return app.models().patching();
    }

    private LambdaCurve curveAfterSelecting(int edge) throws Exception {
        fxRun(() -> app.state().select(edge));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> fx(() -> patching().curveOf(edge) != null));
        return fx(() -> patching().curveOf(edge));
    }

    /** The edge's exact effect at λ = 1 on the model as it is on disk now. */
    private static double exactEffect(Path model, int edge) throws Exception {
        PromptSet set = PromptPairFile.read(TINY_PROMPTS);
        try (LanguageModel m = LanguageModel.load(model, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(model)) {
            try (EdgePatcher patcher = EdgePatcher.prepare(m, PromptEncoder.encode(set, tokenizer, m.config()), set.metric())) {
                return patcher.effects(new int[] {edge}, new double[] {1.0})[0][0];
            }
        }
    }

    private static void editEpsilon(Path model) throws Exception {
        Path config = model.resolve("config.json");
        String edited = Files.readString(config).replace("\"layer_norm_epsilon\": 1e-05", "\"layer_norm_epsilon\": 0.5");
        assertNotEquals(Files.readString(config), edited);
        Files.writeString(config, edited);
    }

    @Test
    void aRunAfterTheModelChangedOnDiskComputesItsCurvesAnew() throws Exception {
        Path model = copyOfTiny();
        int strongest = run(model).edgeAt(0);
        double before = curveAfterSelecting(strongest).effectAtOne();
        assertEquals(exactEffect(model, strongest), before, 1e-5 * Math.max(1, Math.abs(before)));

        editEpsilon(model);
        run(model);
        double after = curveAfterSelecting(strongest).effectAtOne();
        double exact = exactEffect(model, strongest);
        assertNotEquals(before, exact, 1e-3 * Math.max(1, Math.abs(before)), "the edit must change the effect for this test to mean anything");
        assertEquals(exact, after, 1e-5 * Math.max(1, Math.abs(exact)), "the curve shown is the edited model's, not the one kept from before");
        assertTrue(app.errors.isEmpty(), app.errors.toString());
    }

    @Test
    void patchingRefusesScoresWhoseModelChangedOnDiskSinceTheRun() throws Exception {
        Path model = copyOfTiny();
        ScoreRanking ranking = run(model);
        editEpsilon(model);
        int edge = ranking.edgeAt(1);
        fxRun(() -> app.state().select(edge));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> !app.errors.isEmpty());
        String error = app.errors.get(0);
        assertTrue(error.contains("changed on disk since these scores were computed") && error.contains("again"), error);
        assertEquals(null, fx(() -> patching().curveOf(edge)));
        app.errors.clear();
    }
}
