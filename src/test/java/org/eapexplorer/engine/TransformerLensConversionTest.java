package org.eapexplorer.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models converted from TransformerLens's layout by tools/convert/transformer_lens_to_hf.py's renaming
 * (fixtures tl-*, made by tools/oracle/make_converter_fixtures.py) give TransformerLens's own logits: its
 * per-head W_Q/W_K/W_V/W_O, its shortformer positions and its BOS token, computed there in float64.
 */
class TransformerLensConversionTest {

    @ParameterizedTest
    @ValueSource(strings = {"tl-attn-only-shortformer", "tl-gelu"})
    void convertedModelsGiveTransformerLensLogits(String name) throws IOException {
        OracleFixture fixture = OracleFixture.load(name);
        List<String> prompts = new ArrayList<>();
        for (JsonElement p : fixture.reference().getAsJsonArray("prompts")) {
            prompts.add(p.getAsString());
        }
        double[][] expected = fixture.matrix("last_logits");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU)) {
            boolean shortformer = name.contains("shortformer");
            assertEquals(shortformer ? PositionalEmbedding.SHORTFORMER : PositionalEmbedding.STANDARD,
                    model.config().positionalEmbedding());
            assertEquals(shortformer, model.config().bosToken().isPresent());

            List<TokenizedPair> encoded = PromptEncoder.encode(asPromptSet(prompts), Tokenizers.load(fixture.dir()), model.config());
            List<int[]> ids = encoded.stream().map(TokenizedPair::clean).toList();
            List<int[]> reference = fixture.tokens("prompts");
            for (int i = 0; i < ids.size(); i++) {
                assertArrayEquals(reference.get(i), ids.get(i), "tokens of \"" + prompts.get(i) + "\", BOS as TransformerLens puts it");
            }

            float[][] logits = model.lastTokenLogits(ids);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int v = 0; v < expected[i].length; v++) {
                    worst = Math.max(worst, Math.abs(logits[i][v] - expected[i][v]));
                }
            }
            System.out.printf("%s: worst |logit - TransformerLens's| %.2e%n", name, worst);
            assertTrue(worst < 1e-4, name + ": converted logits differ from TransformerLens's by " + worst);
        }
    }

    private static PromptSet asPromptSet(List<String> prompts) {
        List<PromptPair> pairs = prompts.stream().map(p -> PromptPair.logitDiff(p, p, "the", "a")).toList();
        List<Integer> lines = new ArrayList<>();
        for (int i = 1; i <= prompts.size(); i++) {
            lines.add(i);
        }
        return new PromptSet("reference.json", pairs, lines, MetricKind.LOGIT_DIFF);
    }
}
