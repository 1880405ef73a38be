package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.engine.Gpt2Model;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.engine.Tokenizer;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.junit.jupiter.api.Test;

/**
 * EAP stays exact while the JVM collects garbage: DJL's {@code x.mul(number)} hands autograd a scalar over a
 * Java buffer, and a collection between the forward and the backward pass used to corrupt gradients
 * (NaN or huge scores). Every constant on the gradient path now lives in libtorch's memory.
 */
class EapUnderGcPressureTest {

    @Test
    void scoresMatchTheOracleWhileAnotherThreadForcesCollections() throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        AtomicBoolean running = new AtomicBoolean(true);
        Thread churn = new Thread(() -> {
            while (running.get()) {
                byte[][] garbage = new byte[64][];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = new byte[1 << 16];
                }
                System.gc();
            }
        });
        churn.setDaemon(true);
        try (Gpt2Model model = Gpt2Model.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            Map<String, Double> expected = fixture.scores();
            double largest = expected.values().stream().mapToDouble(Math::abs).max().orElseThrow();
            churn.start();
            for (int run = 0; run < 30; run++) {
                EdgeScores scores = new EapAttributor(model).run(pairs, set.metric(), 1, ProgressListener.NONE, CancellationToken.NEVER).scores();
                for (Map.Entry<String, Double> e : expected.entrySet()) {
                    assertEquals(e.getValue(), scores.score(e.getKey()), 1e-4 * largest, "run " + run + ": " + e.getKey());
                }
            }
        } finally {
            running.set(false);
        }
    }
}
