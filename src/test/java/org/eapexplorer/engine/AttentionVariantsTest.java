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
import org.eapexplorer.family.ModelFamilies;
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
 * attention-logit soft-capping, sliding windows given per layer, a rotary base of the window layers' own), applied to
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
        Path model = DIR.resolve("tiny-llama");
        ModelFamilies.Read read = ModelFamilies.read(model.resolve("config.json"));
        ModelConfig plain = read.config();
        int[] windows = variant.has("windows") ? ints(variant.getAsJsonArray("windows")) : new int[0];
        Rotary local = variant.has("local_rope_theta")
                ? new Rotary(plain.dHead(), Rotary.frequencies(plain.dHead(), variant.get("local_rope_theta").getAsDouble())) : null;
        AttentionDesign attention = new AttentionDesign(0, AttentionDesign.QkNorm.NONE,
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
            TransformerWeights w = TransformerWeights.load(new CheckpointTensors(file), read.family(), c, read.tiedEmbeddings(), m,
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

    /** OLMo-2's q/k norm over the whole projection is refused when the engine is built, not computed some other way. */
    @org.junit.jupiter.api.Test
    void wholeWidthQkNormsAreRefused() throws Exception {
        Path model = DIR.resolve("tiny-llama");
        ModelFamilies.Read read = ModelFamilies.read(model.resolve("config.json"));
        ModelConfig plain = read.config();
        ModelConfig c = new ModelConfig(plain.nLayer(), plain.nHead(), plain.dModel(), plain.dMlp(), plain.nPositions(), plain.vocabSize(),
                plain.layerNormEps(), plain.activation(), plain.attnOnly(), plain.positionalEmbedding(), plain.bosToken(),
                plain.design().withAttention(new AttentionDesign(0, AttentionDesign.QkNorm.WHOLE, 0, 0, new int[0], null)));
        String message = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new TransformerForward(c, c.graph(), null)).getMessage();
        org.junit.jupiter.api.Assertions.assertTrue(message.contains("whole projection"), message);
    }

    private static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }
}
