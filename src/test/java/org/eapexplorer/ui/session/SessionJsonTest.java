package org.eapexplorer.ui.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.ui.AnalysisResult;
import org.eapexplorer.ui.Threshold;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session files keep the graph's shape, attention-only included, so that edge numbers mean the same on reopening. */
class SessionJsonTest {

    @TempDir
    Path dir;

    @Test
    void anAttentionOnlySessionReopensOnTheAttentionOnlyGraph() throws Exception {
        for (GraphIndex g : new GraphIndex[] {GraphIndex.attentionOnly(4, 8), GraphIndex.of(2, 3)}) {
            float[] s = new float[g.edgeCount()];
            for (int e = 0; e < s.length; e++) {
                s[e] = (e % 7) - 3.5f;
            }
            AnalysisResult r = new AnalysisResult(dir, dir.resolve("p.jsonl"), "p.jsonl", MetricKind.LOGIT_DIFF, 3, "CPU",
                    new EdgeScores(g, s), 1, 0, 0, 0);
            Path file = dir.resolve("session-" + g.edgeCount() + ".json");
            SessionJson.write(file, new Session(r, ComputeDevice.CPU, Threshold.topK(5), true, g.edgeCount() - 1));
            Session back = SessionJson.read(file);
            GraphIndex read = back.result().scores().graph();
            assertEquals(g.attnOnly(), read.attnOnly());
            assertEquals(g.edgeCount(), read.edgeCount());
            assertEquals(g.edgeName(g.edgeCount() - 1), read.edgeName(back.selectedEdge()));
            assertArrayEquals(s, back.result().scores().scores());
        }
    }
}
