package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.EdgeScores;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EAP stays exact while the JVM collects garbage: DJL's {@code x.mul(number)} hands autograd a scalar over a
 * Java buffer, and a collection between the forward and the backward pass used to corrupt gradients
 * (NaN or huge scores). Every constant on the gradient path now lives in libtorch's memory.
 */
class EapUnderGcPressureTest {

    @ParameterizedTest
    @CsvSource({"eap, 1, 30", "eap-ig-inputs, 5, 3", "clean-corrupted, 1, 3"})
    void scoresMatchTheOracleWhileAnotherThreadForcesCollections(String method, int steps, int runs) throws Exception {
        MethodSpec spec = new MethodSpec(AttributionMethod.parse(method), steps);
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
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            Map<String, Double> expected = spec.equals(MethodSpec.EAP) ? fixture.scores()
                    : fixture.methodScores(spec.method().usesSteps() ? method + "-" + steps : method, "scores");
            double largest = expected.values().stream().mapToDouble(Math::abs).max().orElseThrow();
            churn.start();
            for (int run = 0; run < runs; run++) {
                EdgeScores scores = new EapAttributor(model).run(pairs, set.metric(), spec, 1, ProgressListener.NONE, CancellationToken.NEVER).scores();
                for (Map.Entry<String, Double> e : expected.entrySet()) {
                    assertEquals(e.getValue(), scores.score(e.getKey()), 1e-4 * largest, "run " + run + ": " + e.getKey());
                }
            }
        } finally {
            running.set(false);
        }
    }
}
