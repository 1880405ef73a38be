package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.eapexplorer.engine.EdgePatcher;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PatchCache;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep cancelled part-way keeps every receiver it finished, and the resumed sweep computes only the rest. */
class PatchingSweepTest {

    @TempDir
    Path dir;

    @Test
    void cancelMidSweepThenResumeGivesTheSameEffectsWithoutRecomputingFinishedEdges() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        PromptSet set = PromptPairFile.read(fixture.prompts());
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir());
             EdgePatcher patcher = EdgePatcher.prepare(model, PromptEncoder.encode(set, tokenizer, model.config()), set.metric())) {
            GraphIndex g = model.graph();
            int[] all = new int[g.edgeCount()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            double[] lambdas = {1.0};
            double[][] uninterrupted = PatchingSweep.run(patcher, g, all, lambdas, null, ProgressListener.NONE, CancellationToken.NEVER);

            // Cancel as the third receiver finishes: its results and the two before it must be on disk.
            CancellationToken cancel = new CancellationToken();
            List<Long> done = new ArrayList<>();
            try (PatchCache cache = PatchCache.forInputs(dir, fixture.dir(), fixture.prompts(), set.metric())) {
                assertThrows(CancellationException.class, () -> PatchingSweep.run(patcher, g, all, lambdas, cache, (d, total, message) -> {
                    done.add(d);
                    if (done.size() == 4) {  // the first report is the start, then one per finished receiver
                        cancel.cancel();
                    }
                }, cancel));
            }
            long finished = done.get(3);
            assertEquals(g.fanIn(0) + g.fanIn(1) + g.fanIn(2), finished, "edges of the three finished receivers");

            List<String> messages = new ArrayList<>();
            List<Long> resumedDone = new ArrayList<>();
            double[][] resumed;
            try (PatchCache cache = PatchCache.forInputs(dir, fixture.dir(), fixture.prompts(), set.metric())) {
                assertEquals(finished, cache.size(), "what the cancelled sweep finished is in the cache file");
                resumed = PatchingSweep.run(patcher, g, all, lambdas, cache, (d, total, message) -> {
                    resumedDone.add(d);
                    messages.add(message);
                }, CancellationToken.NEVER);
                assertEquals(all.length, cache.size());
            }
            assertEquals(finished, resumedDone.get(0), messages.get(0));
            assertTrue(messages.get(0).startsWith(finished + " of " + all.length + " edges from the cache"), messages.get(0));
            // One report per receiver patched: the three finished receivers are not patched again.
            assertEquals(1 + g.receiverCount() - 3, resumedDone.size(), messages.toString());
            for (int e = 0; e < all.length; e++) {
                assertArrayEquals(uninterrupted[e], resumed[e], g.edgeName(e));
            }
        }
    }
}
