package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logits and metrics of the forward pass against the float64 oracle, for F32, F16 and BF16 checkpoints, padded batches included. */
class ForwardAgainstOracleTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void lastTokenLogitsOfAPaddedBatchMatch(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
            List<int[]> prompts = fixture.tokens("clean");
            float[][] logits = model.lastTokenLogits(prompts);
            double[][] expected = fixture.matrix("logits_clean_last");
            assertClose(expected, logits, "last-token logits");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void logitsAtEveryPositionMatch(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
            float[][] logits = model.allLogits(fixture.tokens("clean").get(0));
            assertClose(fixture.matrix("logits_clean_prompt0"), logits, "logits of prompt 0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void metricsPerPromptMatch(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU);
             Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            List<TokenizedPair> pairs = PromptEncoder.encode(set, tokenizer, model.config());
            double[] clean = model.metric(pairs, set.metric(), false);
            double[] corrupted = model.metric(pairs, set.metric(), true);
            double[] expectedClean = fixture.vector("metric_clean_per_prompt");
            double[] expectedCorrupted = fixture.vector("metric_corrupted_per_prompt");
            for (int i = 0; i < clean.length; i++) {
                assertEquals(expectedClean[i], clean[i], 1e-5 * Math.max(1, Math.abs(expectedClean[i])), "clean metric of pair " + i);
                assertEquals(expectedCorrupted[i], corrupted[i], 1e-5 * Math.max(1, Math.abs(expectedCorrupted[i])), "corrupted metric of pair " + i);
            }
        }
    }

    /**
     * Every logit within 1e-5 of the oracle's, relative to its row's largest |logit| (at least 1): a float32 logit is a
     * sum of products as large as the row's largest, so a logit near zero is no more exact than that.
     */
    static void assertClose(double[][] expected, float[][] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": rows");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i].length, actual[i].length, what + ": row " + i + " width");
            double scale = 1;
            for (double e : expected[i]) {
                scale = Math.max(scale, Math.abs(e));
            }
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(expected[i][j], actual[i][j], 1e-5 * scale, what + " [" + i + "][" + j + "]");
            }
        }
    }
}
