package org.eapexplorer.family;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.Rotary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rotary settings as transformers v5 writes them ({@code rope_parameters}, holding {@code rope_theta},
 * {@code partial_rotary_factor} and the scaling) give the same frequencies as the older keys ({@code rope_theta},
 * {@code rope_scaling}, GPT-NeoX's {@code rotary_emb_base} and {@code rotary_pct}); where both forms are given and
 * disagree, the config is refused naming both.
 */
class RopeParametersTest {

    private static final String LLAMA = "\"model_type\": \"llama\", \"hidden_size\": 32, \"intermediate_size\": 48, "
            + "\"num_hidden_layers\": 1, \"num_attention_heads\": 4, \"vocab_size\": 50, \"max_position_embeddings\": 256";
    private static final String QWEN2 = LLAMA.replace("llama", "qwen2");
    private static final String NEOX = "\"model_type\": \"gpt_neox\", \"hidden_size\": 64, \"intermediate_size\": 64, "
            + "\"num_hidden_layers\": 1, \"num_attention_heads\": 2, \"vocab_size\": 50, \"max_position_embeddings\": 256";
    private static final String LLAMA3 = "\"rope_type\": \"llama3\", \"factor\": 8.0, \"low_freq_factor\": 1.0, "
            + "\"high_freq_factor\": 4.0, \"original_max_position_embeddings\": 16";

    @TempDir
    Path dir;

    private Rotary rotary(String keys) throws IOException {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{" + keys + "}");
        return ModelFamilies.read(f).config().design().rotary();
    }

    private String refusal(String keys) {
        return assertThrows(ModelFormatException.class, () -> rotary(keys)).getMessage();
    }

    @Test
    void llama3ScalingUnderRopeParametersIsTheOldFormsScaling() throws IOException {
        Rotary old = rotary(LLAMA + ", \"rope_theta\": 500000.0, \"rope_scaling\": {" + LLAMA3 + "}");
        Rotary v5 = rotary(LLAMA + ", \"rope_parameters\": {\"rope_theta\": 500000.0, " + LLAMA3 + "}");
        assertEquals(old, v5);
        double smooth = (16 / (2 * Math.PI) - 1) / (4 - 1);
        double step = Math.pow(500000.0, -2.0 / 8);
        assertArrayEquals(new double[] {(1 - smooth) / 8 + smooth, step / 8, step * step / 8, step * step * step / 8},
                v5.inverseFrequencies(), 1e-12);
        // v5 may also keep an old-style rope_scaling beside rope_parameters; agreeing, it is the same.
        assertEquals(old, rotary(LLAMA + ", \"rope_parameters\": {\"rope_theta\": 500000.0, " + LLAMA3 + "}, \"rope_scaling\": {"
                + LLAMA3 + "}"));
    }

    @Test
    void linearAndDefaultUnderRopeParameters() throws IOException {
        assertArrayEquals(new double[] {0.5, 0.05, 0.005, 0.0005},
                rotary(LLAMA + ", \"rope_parameters\": {\"rope_type\": \"linear\", \"factor\": 2.0, \"rope_theta\": 10000.0}")
                        .inverseFrequencies(), 1e-15);
        assertEquals(rotary(LLAMA + ", \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2.0}"),
                rotary(LLAMA + ", \"rope_parameters\": {\"type\": \"linear\", \"factor\": 2.0}"));
        assertArrayEquals(new double[] {1, 0.01, 1e-4, 1e-6},
                rotary(LLAMA + ", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1e8}").inverseFrequencies(), 1e-18);
    }

    @Test
    void qwen2RopeThetaUnderRopeParameters() throws IOException {
        Rotary v5 = rotary(QWEN2 + ", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1000.0}");
        assertEquals(rotary(QWEN2 + ", \"rope_theta\": 1000.0"), v5);
        assertEquals(Math.pow(1000.0, -2.0 / 8), v5.inverseFrequencies()[1], 1e-15);
    }

    @Test
    void neoxPartialRotaryAndThetaUnderRopeParameters() throws IOException {
        Rotary v5 = rotary(NEOX + ", \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 1000, \"partial_rotary_factor\": 0.5}");
        assertEquals(16, v5.dims(), "half of a 32-wide head");
        assertEquals(rotary(NEOX + ", \"rotary_pct\": 0.5, \"rotary_emb_base\": 1000"), v5);
        // transformers 4.4x wrote all four names; v5's top-level names of the same settings
        assertEquals(v5, rotary(NEOX + ", \"rotary_pct\": 0.5, \"partial_rotary_factor\": 0.5, \"rope_theta\": 1000, \"rotary_emb_base\": 1000"));
        assertEquals(v5, rotary(NEOX + ", \"partial_rotary_factor\": 0.5, \"rope_theta\": 1000"));
        assertEquals(Math.pow(1000.0, -2.0 / 16), v5.inverseFrequencies()[1], 1e-15);
        assertEquals(8, rotary(NEOX).dims(), "GPT-NeoX's default rotary_pct is 0.25");
    }

    @Test
    void theTwoFormsDisagreeingAreRefusedNamingBoth() {
        String m = refusal(LLAMA + ", \"rope_theta\": 10000.0, \"rope_parameters\": {\"rope_type\": \"default\", \"rope_theta\": 500000.0}");
        assertTrue(m.contains("config.json") && m.contains("rope_theta") && m.contains("rope_parameters.rope_theta")
                && m.contains("10000") && m.contains("500000"), m);
        m = refusal(NEOX + ", \"rotary_pct\": 0.25, \"rope_parameters\": {\"partial_rotary_factor\": 0.5}");
        assertTrue(m.contains("rotary_pct") && m.contains("rope_parameters.partial_rotary_factor"), m);
        m = refusal(NEOX + ", \"rotary_emb_base\": 10000, \"rope_theta\": 1000");
        assertTrue(m.contains("rotary_emb_base") && m.contains("rope_theta"), m);
        m = refusal(LLAMA + ", \"rope_scaling\": {" + LLAMA3 + "}, \"rope_parameters\": {" + LLAMA3.replace("8.0", "4.0") + "}");
        assertTrue(m.contains("rope_scaling.factor") && m.contains("rope_parameters.factor"), m);
        m = refusal(LLAMA + ", \"rope_scaling\": {\"rope_type\": \"linear\", \"factor\": 2.0}, \"rope_parameters\": {\"rope_type\": \"default\"}");
        assertTrue(m.contains("rope_scaling.rope_type") && m.contains("rope_parameters.rope_type"), m);
        m = refusal(LLAMA + ", \"original_max_position_embeddings\": 32, \"rope_parameters\": {" + LLAMA3 + "}");
        assertTrue(m.contains("original_max_position_embeddings") && m.contains("rope_parameters.original_max_position_embeddings"), m);
    }

    @Test
    void aTopLevelOriginalContextServesLlama3() throws IOException {
        // transformers v5 moves a top-level original_max_position_embeddings into rope_parameters for llama3 (Phi-3's layout)
        String withoutIt = LLAMA3.replace(", \"original_max_position_embeddings\": 16", "");
        assertEquals(rotary(LLAMA + ", \"rope_parameters\": {" + LLAMA3 + "}"),
                rotary(LLAMA + ", \"original_max_position_embeddings\": 16, \"rope_parameters\": {" + withoutIt + "}"));
    }
}
