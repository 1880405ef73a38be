package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** EAP scores, metrics and logits against the float64 PyTorch oracle (tools/oracle/make_fixtures.py). */
class EapAgainstOracleTest {

    /** Relative error bound on each score, measured against the largest score to keep near-zero scores meaningful. */
    private static final double SCORE_TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({"tiny-f32, 1", "tiny-f32, 4", "tiny-f32, 100", "tiny-f16, 3", "tiny-f16, 100", "tiny-bf16, 2", "tiny-bf16, 100",
            "tiny-attn-only, 1", "tiny-attn-only, 3", "tiny-attn-only, 100", "tiny-shortformer, 1", "tiny-shortformer, 4", "tiny-shortformer, 100",
            "tiny-llama, 1", "tiny-llama, 3", "tiny-llama, 100", "tiny-qwen2, 2", "tiny-qwen2, 100", "tiny-neox, 2", "tiny-neox, 100", "tiny-neox-sequential, 100", "tiny-qwen3, 3", "tiny-qwen3, 100", "tiny-mistral, 2", "tiny-mistral, 100", "tiny-qwen2-sliding, 100", "tiny-gemma2, 3", "tiny-gemma2, 100", "tiny-gemma3, 2", "tiny-gemma3, 100",
            "tiny-olmo2, 3", "tiny-olmo2, 100"})
    void scoresMatchTheOracleEdgeByEdge(String name, int batchSize) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            List<int[]> expectedClean = fixture.tokens("clean");
            for (int i = 0; i < pairs.size(); i++) {
                assertArrayEquals(expectedClean.get(i), pairs.get(i).clean(), "tokens of pair " + i);
            }

            EapResult result = new EapAttributor(model).run(pairs, set.metric(), batchSize, ProgressListener.NONE, CancellationToken.NEVER);

            Map<String, Double> expected = fixture.scores();
            assertEquals(expected.size(), model.graph().edgeCount(), "edge count");
            double largest = expected.values().stream().mapToDouble(Math::abs).max().orElseThrow();
            double worst = 0;
            String worstEdge = null;
            for (Map.Entry<String, Double> e : expected.entrySet()) {
                double actual = result.scores().score(e.getKey());
                double err = Math.abs(actual - e.getValue()) / Math.max(Math.abs(e.getValue()), 1e-2 * largest);
                if (err > worst) {
                    worst = err;
                    worstEdge = e.getKey();
                }
            }
            System.out.printf("%s batch %d: worst relative score error %.2e at %s (largest |score| %.3f)%n", name, batchSize, worst, worstEdge, largest);
            assertTrue(worst <= SCORE_TOLERANCE, "worst relative error " + worst + " at " + worstEdge);
            assertEquals(fixture.number("metric_clean"), result.metricClean(), 1e-5 * Math.max(1, Math.abs(fixture.number("metric_clean"))));
            assertEquals(fixture.number("metric_corrupted"), result.metricCorrupted(), 1e-5 * Math.max(1, Math.abs(fixture.number("metric_corrupted"))));
        }
    }
}
