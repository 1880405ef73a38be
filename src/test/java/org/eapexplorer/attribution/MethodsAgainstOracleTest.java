package org.eapexplorer.attribution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.AttributionMethod;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.NodeScores;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * EAP-IG (inputs) and clean-corrupted, edge and node level, against the float64 oracle's own implementation of each
 * (tools/oracle/make_fixtures.py, {@code methods} and {@code node_scores}), on every fixture: F32/F16/BF16 weights,
 * prompts of unequal lengths, an attention-only and a shortformer model.
 */
class MethodsAgainstOracleTest {

    private static final double TOLERANCE = 1e-4;

    @ParameterizedTest
    @CsvSource({
            "tiny-f32, eap-ig-inputs, 5, 3", "tiny-f32, eap-ig-inputs, 2, 100", "tiny-f32, clean-corrupted, 1, 2",
            "tiny-f16, eap-ig-inputs, 5, 100", "tiny-f16, clean-corrupted, 1, 3",
            "tiny-bf16, eap-ig-inputs, 5, 2", "tiny-bf16, clean-corrupted, 1, 100",
            "tiny-attn-only, eap-ig-inputs, 5, 1", "tiny-attn-only, eap-ig-inputs, 2, 3", "tiny-attn-only, clean-corrupted, 1, 100",
            "tiny-shortformer, eap-ig-inputs, 5, 4", "tiny-shortformer, eap-ig-inputs, 2, 100", "tiny-shortformer, clean-corrupted, 1, 1",
            "tiny-gemma2, eap-ig-inputs, 5, 3", "tiny-gemma2, eap-ig-inputs, 2, 100", "tiny-gemma2, clean-corrupted, 1, 2", "tiny-gemma3, eap-ig-inputs, 5, 100", "tiny-gemma3, clean-corrupted, 1, 3",
            "tiny-olmo2, eap-ig-inputs, 5, 3", "tiny-olmo2, eap-ig-inputs, 2, 100", "tiny-olmo2, clean-corrupted, 1, 2"})
    void edgeAndNodeScoresMatchTheOracle(String name, String method, int steps, int batchSize) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        String key = method.equals("eap-ig-inputs") ? method + "-" + steps : method;
        EapResult result = run(fixture, new MethodSpec(AttributionMethod.parse(method), steps), batchSize);
        assertEquals(result.method(), new MethodSpec(AttributionMethod.parse(method), steps));
        assertClose(name + " " + key + " edges", fixture.methodScores(key, "scores"), result.scores()::score);
        assertNodesClose(name + " " + key + " nodes", fixture.methodScores(key, "node_scores"), fixture.methodScores(key, "scores"),
                NodeScores.ofEdges(result.scores()));
        // the metrics are the ordinary runs', whatever the method
        assertEquals(fixture.number("metric_clean"), result.metricClean(), 1e-5 * Math.max(1, Math.abs(fixture.number("metric_clean"))));
        assertEquals(fixture.number("metric_corrupted"), result.metricCorrupted(), 1e-5 * Math.max(1, Math.abs(fixture.number("metric_corrupted"))));
    }

    @ParameterizedTest
    @CsvSource({"tiny-f32", "tiny-f16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void eapNodeScoresMatchTheOracleGradientAtTheNodesOutput(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        EapResult result = run(fixture, MethodSpec.EAP, 3);
        assertNodesClose(name + " eap nodes", fixture.nodeScores(), fixture.scores(), NodeScores.ofEdges(result.scores()));
    }

    /** EAP-IG with one step takes the clean run's gradient alone: EAP, to the last bit. */
    @ParameterizedTest
    @CsvSource({"tiny-f32", "tiny-bf16", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void oneStepOfEapIgIsEap(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        EapResult eap = run(fixture, MethodSpec.EAP, 4);
        EapResult ig = run(fixture, new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 1), 4);
        assertArrayEquals(eap.scores().scores(), ig.scores().scores());
        assertClose(name + " ig-1 vs oracle", fixture.methodScores("eap-ig-inputs-1", "scores"), ig.scores()::score);
    }

    @Test
    void theMethodsDifferFromEapOnTheFixtures() throws Exception {
        // guards the comparisons above against a kernel that quietly ran EAP for every method
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        EapResult eap = run(fixture, MethodSpec.EAP, 7);
        for (MethodSpec spec : List.of(new MethodSpec(AttributionMethod.EAP_IG_INPUTS, 5), MethodSpec.of(AttributionMethod.CLEAN_CORRUPTED))) {
            float[] other = run(fixture, spec, 7).scores().scores();
            double largest = 0;
            for (int e = 0; e < other.length; e++) {
                largest = Math.max(largest, Math.abs(other[e] - eap.scores().score(e)));
            }
            assertTrue(largest > 0.1, spec.describe() + " differs from EAP by at most " + largest);
        }
    }

    private static EapResult run(OracleFixture fixture, MethodSpec method, int batchSize) throws Exception {
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            return new EapAttributor(model).run(pairs, set.metric(), method, batchSize, ProgressListener.NONE, CancellationToken.NEVER);
        }
    }

    /**
     * A node's score is a sum of its out-edges' scores, which may cancel: each is held to the tolerance relative to the
     * sum of its out-edges' magnitudes (the oracle's), the size of what was added up.
     */
    private static void assertNodesClose(String what, Map<String, Double> expected, Map<String, Double> expectedEdges, NodeScores actual) {
        double worst = 0;
        String worstName = null;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            String prefix = e.getKey() + "->";
            double magnitude = expectedEdges.entrySet().stream().filter(x -> x.getKey().startsWith(prefix))
                    .mapToDouble(x -> Math.abs(x.getValue())).sum();
            double err = Math.abs(actual.score(e.getKey()) - e.getValue()) / Math.max(magnitude, 1e-12);
            if (err > worst) {
                worst = err;
                worstName = e.getKey();
            }
        }
        System.out.printf("%s: worst error %.2e of the out-edges' magnitude at %s%n", what, worst, worstName);
        assertTrue(worst <= TOLERANCE, what + ": worst error " + worst + " at " + worstName);
    }

    private static void assertClose(String what, Map<String, Double> expected, ToDoubleFunction<String> actual) {
        double largest = expected.values().stream().mapToDouble(Math::abs).max().orElseThrow();
        double worst = 0;
        String worstName = null;
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            double err = Math.abs(actual.applyAsDouble(e.getKey()) - e.getValue()) / Math.max(Math.abs(e.getValue()), 1e-2 * largest);
            if (err > worst) {
                worst = err;
                worstName = e.getKey();
            }
        }
        System.out.printf("%s: worst relative error %.2e at %s (largest |score| %.3f)%n", what, worst, worstName, largest);
        assertTrue(worst <= TOLERANCE, what + ": worst relative error " + worst + " at " + worstName);
    }
}
