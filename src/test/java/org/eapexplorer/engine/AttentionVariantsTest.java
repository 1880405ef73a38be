package org.eapexplorer.engine;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.eapexplorer.family.BlockTensors;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.family.TensorRecipe;
import org.eapexplorer.family.llama.LlamaFamily;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.io.JsonFiles;
import org.eapexplorer.model.AttentionDesign;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.Rotary;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.ModelDevice;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link AttentionDesign} can ask beyond the families of the oracle fixtures (a score scale other than 1/√e,
 * attention-logit soft-capping, sliding windows given per layer, a rotary base of the window layers' own, OLMo-2's q/k
 * norms over the whole projection), applied to
 * tiny-llama's weights and held against the oracle's float64 forward pass of the same variant
 * (fixtures/attention-variants.json, tools/oracle/make_fixtures.py).
 */
class AttentionVariantsTest {

    private static final Path DIR = Path.of("src/test/resources/fixtures");

    static Stream<JsonObject> variants() throws Exception {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement v : reference().getAsJsonArray("variants")) {
            out.add(v.getAsJsonObject());
        }
        return out.stream();
    }

    private static JsonObject reference() throws Exception {
        return JsonFiles.read(DIR.resolve("attention-variants.json")).getAsJsonObject();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void lastTokenLogitsMatchTheOracle(JsonObject variant) throws Exception {
        boolean whole = variant.has("qk_norm_whole");
        Path model = DIR.resolve(whole ? "tiny-llama-qk-whole" : "tiny-llama");
        ModelFamilies.Read read = ModelFamilies.read(DIR.resolve("tiny-llama/config.json"));
        ModelFamily family = whole ? new WholeQkNormLlama() : read.family();
        ModelConfig plain = read.config();
        int[] windows = variant.has("windows") ? ints(variant.getAsJsonArray("windows")) : new int[0];
        Rotary local = variant.has("local_rope_theta")
                ? new Rotary(plain.dHead(), Rotary.frequencies(plain.dHead(), variant.get("local_rope_theta").getAsDouble())) : null;
        AttentionDesign attention = new AttentionDesign(0, whole ? AttentionDesign.QkNorm.WHOLE : AttentionDesign.QkNorm.NONE,
                variant.has("attn_scale") ? variant.get("attn_scale").getAsDouble() : 0,
                variant.has("softcap") ? variant.get("softcap").getAsDouble() : 0, windows, local);
        ModelConfig c = new ModelConfig(plain.nLayer(), plain.nHead(), plain.dModel(), plain.dMlp(), plain.nPositions(), plain.vocabSize(),
                plain.layerNormEps(), plain.activation(), plain.attnOnly(), plain.positionalEmbedding(), plain.bosToken(),
                plain.design().withAttention(attention));
        List<int[]> tokens = new ArrayList<>();
        for (JsonElement t : reference().getAsJsonArray("tokens")) {
            tokens.add(ints(t.getAsJsonArray()));
        }
        try (NDManager m = ModelDevice.open(ComputeDevice.CPU).newManager();
             SafetensorsCheckpoint file = SafetensorsCheckpoint.open(model)) {
            TransformerWeights w = TransformerWeights.load(new CheckpointTensors(file), family, c, read.tiedEmbeddings(), m,
                    DataType.FLOAT32);
            ForwardRun run = new TransformerForward(c, c.graph(), w).run(m, TokenBatch.of(tokens, c.nPositions()), ForwardOptions.LOGITS_ONLY);
            float[] flat = run.logits.toFloatArray();
            float[][] logits = new float[tokens.size()][];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = java.util.Arrays.copyOfRange(flat, i * c.vocabSize(), (i + 1) * c.vocabSize());
            }
            JsonArray rows = variant.getAsJsonArray("logits_last");
            double[][] expected = new double[rows.size()][];
            for (int i = 0; i < expected.length; i++) {
                JsonArray row = rows.get(i).getAsJsonArray();
                expected[i] = new double[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    expected[i][j] = row.get(j).getAsDouble();
                }
            }
            ForwardAgainstOracleTest.assertClose(expected, logits, variant.get("name").getAsString());
        }
    }

    /**
     * Llama read with OLMo-2's q/k norms over the whole projection ({@code self_attn.q_norm.weight} [H·e],
     * {@code k_norm.weight} [K·e]): the fixture tiny-llama-qk-whole holds tiny-llama's weights and those gains.
     */
    private static final class WholeQkNormLlama extends LlamaFamily {
        @Override
        protected AttentionDesign.QkNorm qkNorm() {
            return AttentionDesign.QkNorm.WHOLE;
        }

        @Override
        protected void readAttentionExtras(ModelConfig c, int l, BlockTensors.Sink out) throws java.io.IOException {
            out.put(BlockTensors.layer(l, BlockTensors.Q_NORM_GAIN),
                    TensorRecipe.stored(LlamaNames.weight(l, "self_attn.q_norm"), (long) c.nHead() * c.dHead()));
            out.put(BlockTensors.layer(l, BlockTensors.K_NORM_GAIN),
                    TensorRecipe.stored(LlamaNames.weight(l, "self_attn.k_norm"), (long) c.kvHeads() * c.dHead()));
        }
    }

    /**
     * With every AttentionDesign feature at once (OLMo-2's whole-projection q/k norms, a scale, soft-capping, per-layer
     * windows shorter than the prompts, a window layers' rotary base), each EAP score is the derivative at λ = 0 of its
     * edge's exact patching curve: central differences through the forward pass's receiver deltas, and through edge
     * patching's own pass (the cached layers and the last-token run), agree with the scores.
     */
    @org.junit.jupiter.api.Test
    void eapScoresAreTheDerivativesOfExactPatchingUnderEveryFeature() throws Exception {
        ModelFamilies.Read read = ModelFamilies.read(DIR.resolve("tiny-llama/config.json"));
        ModelConfig plain = read.config();
        AttentionDesign attention = new AttentionDesign(0, AttentionDesign.QkNorm.WHOLE, 0.5, 3.0, new int[] {2, 5},
                new Rotary(plain.dHead(), Rotary.frequencies(plain.dHead(), 50.0)));
        ModelConfig c = new ModelConfig(plain.nLayer(), plain.nHead(), plain.dModel(), plain.dMlp(), plain.nPositions(), plain.vocabSize(),
                plain.layerNormEps(), plain.activation(), plain.attnOnly(), plain.positionalEmbedding(), plain.bosToken(),
                plain.design().withAttention(attention));
        OracleFixture fixture = OracleFixture.load("tiny-llama");
        List<int[]> clean = fixture.tokens("clean");
        List<int[]> corrupted = fixture.tokens("corrupted");
        List<org.eapexplorer.model.TokenizedPair> pairs = new ArrayList<>();
        for (int i = 0; i < clean.size(); i++) {
            pairs.add(new org.eapexplorer.model.TokenizedPair(clean.get(i), corrupted.get(i), new int[] {5 + i}, new int[] {20 + i}));
        }
        org.eapexplorer.model.MetricKind kind = org.eapexplorer.model.MetricKind.LOGIT_DIFF;
        try (LanguageModel model = LanguageModel.of(DIR.resolve("tiny-llama-qk-whole"), new WholeQkNormLlama(), c, read.tiedEmbeddings(),
                ComputeDevice.CPU);
             EdgePatcher patcher = EdgePatcher.prepare(model, pairs, kind)) {
            float[] scores = EapKernel.run(model, pairs, kind, 1.0 / pairs.size()).scores();
            org.eapexplorer.model.GraphIndex graph = model.graph();
            double largest = 0;
            for (float v : scores) {
                largest = Math.max(largest, Math.abs(v));
            }
            org.junit.jupiter.api.Assertions.assertTrue(largest > 1e-3, "scores that are all zero would check nothing");
            double h = 2e-3;
            int[] sampled = java.util.stream.IntStream.iterate(0, e -> e < graph.edgeCount(), e -> e + 3).toArray();
            double[][] curve = patcher.effects(sampled, new double[] {-h, h});
            for (int i = 0; i < sampled.length; i++) {
                int edge = sampled[i];
                double fd = FiniteDifferenceTest.directionalDerivative(model, pairs, kind, graph.edge(edge), h);
                org.junit.jupiter.api.Assertions.assertEquals(fd, scores[edge], 2e-3 * largest, graph.edgeName(edge) + " (forward deltas)");
                double patched = (curve[i][1] - curve[i][0]) / (2 * h);
                org.junit.jupiter.api.Assertions.assertEquals(patched, scores[edge], 2e-3 * largest, graph.edgeName(edge) + " (edge patching)");
            }
        }
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
