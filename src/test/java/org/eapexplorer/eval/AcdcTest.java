package org.eapexplorer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.engine.CircuitRunner;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.OracleFixture;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ACDC against the oracle's own ACDC (same procedure, float64, explicit graph): the same edges, the same pass count. */
class AcdcTest {

    @ParameterizedTest
    @ValueSource(strings = {"tiny-f32", "tiny-f16", "tiny-bf16", "tiny-attn-only", "tiny-shortformer", "tiny-llama", "tiny-qwen2", "tiny-neox", "tiny-neox-sequential", "tiny-qwen3", "tiny-mistral", "tiny-qwen2-sliding", "tiny-gemma2", "tiny-gemma3",
            "tiny-olmo2"})
    void keepsTheSameEdgesAsTheOracle(String name) throws Exception {
        OracleFixture fixture = OracleFixture.load(name);
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            try (CircuitRunner runner = CircuitRunner.prepare(model, PromptEncoder.encode(set, tokenizer, model.config()), set.metric())) {
                for (JsonElement run : fixture.reference().getAsJsonArray("acdc")) {
                    JsonObject expected = run.getAsJsonObject();
                    AcdcScore score = expected.get("score").getAsString().equals("kl") ? AcdcScore.KL : AcdcScore.TASK;
                    AcdcResult result = Acdc.run(runner, model.graph(), score, expected.get("tau").getAsDouble(), null,
                            ProgressListener.NONE, CancellationToken.NEVER);
                    List<String> kept = new ArrayList<>();
                    result.kept().stream().forEach(e -> kept.add(model.graph().edgeName(e)));
                    List<String> want = new ArrayList<>();
                    expected.getAsJsonArray("kept").forEach(e -> want.add(e.getAsString()));
                    assertEquals(want, kept, name + " " + score);
                    assertEquals(expected.get("forward_passes").getAsInt(), result.forwardPasses(), name + " " + score);
                    assertEquals(expected.get("final").getAsDouble(), result.finalScore(), 1e-5 * Math.max(1, Math.abs(result.finalScore())));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY})
    void thresholdsAtTheExtremesKeepEverythingOrNothing(double tau) throws Exception {
        OracleFixture fixture = OracleFixture.load("tiny-f32");
        try (LanguageModel model = LanguageModel.load(fixture.dir(), ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.load(fixture.dir())) {
            PromptSet set = PromptPairFile.read(fixture.prompts());
            try (CircuitRunner runner = CircuitRunner.prepare(model, PromptEncoder.encode(set, tokenizer, model.config()), set.metric())) {
                AcdcResult result = Acdc.run(runner, model.graph(), AcdcScore.KL, tau, null, ProgressListener.NONE, CancellationToken.NEVER);
                assertEquals(tau < 0 ? model.graph().edgeCount() : 0, result.kept().cardinality());
                BitSet start = new BitSet();
                start.set(model.graph().edgeIndex("m1->logits").getAsInt());
                AcdcResult restricted = Acdc.run(runner, model.graph(), AcdcScore.KL, tau, start, ProgressListener.NONE, CancellationToken.NEVER);
                assertEquals(tau < 0 ? 1 : 0, restricted.kept().cardinality(), "the hybrid never adds edges");
            }
        }
    }
}
