package org.eapexplorer.training;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.tokenizer.Tokenizers;
import org.eapexplorer.tokenizer.WordLevelTokenizer;

/**
 * Writes a GPT-2-architecture model with random weights as a Hugging Face directory: for benchmarks at
 * GPT-2-small's shape (no real weights can be downloaded here) and for tests. GPT-2's initialisation:
 * N(0, 0.02) matrices and embeddings, zero biases, unit LayerNorm gains. An attention-only configuration gets no
 * {@code ln_2}/{@code mlp} tensors and {@code "attn_only": true} in its config.json; a shortformer one
 * {@code "positional_embedding_type": "shortformer"} (the weights are named as ever: {@code wpe.weight} is W_pos).
 */
public final class RandomModelWriter {

    private RandomModelWriter() {
    }

    /**
     * @param gpt2Tokenizer directory with GPT-2's vocab.json and merges.txt, copied when the vocabulary is
     *                      GPT-2's (50,257); otherwise a word-level tokenizer of tokens t0, t1, … is written
     */
    public static void write(Path dir, ModelConfig c, long seed, DType dtype, Path gpt2Tokenizer) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom random = new SplittableRandom(seed);
        int d = c.dModel();
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        tensors.put("wte.weight", gaussian(random, dtype, c.vocabSize(), d));
        tensors.put("wpe.weight", gaussian(random, dtype, c.nPositions(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            String p = "h." + l + ".";
            tensors.put(p + "ln_1.weight", constant(dtype, 1f, d));
            tensors.put(p + "ln_1.bias", constant(dtype, 0f, d));
            tensors.put(p + "attn.c_attn.weight", gaussian(random, dtype, d, 3 * d));
            tensors.put(p + "attn.c_attn.bias", constant(dtype, 0f, 3 * d));
            tensors.put(p + "attn.c_proj.weight", gaussian(random, dtype, d, d));
            tensors.put(p + "attn.c_proj.bias", constant(dtype, 0f, d));
            if (c.attnOnly()) {
                continue;
            }
            tensors.put(p + "ln_2.weight", constant(dtype, 1f, d));
            tensors.put(p + "ln_2.bias", constant(dtype, 0f, d));
            tensors.put(p + "mlp.c_fc.weight", gaussian(random, dtype, d, c.dMlp()));
            tensors.put(p + "mlp.c_fc.bias", constant(dtype, 0f, c.dMlp()));
            tensors.put(p + "mlp.c_proj.weight", gaussian(random, dtype, c.dMlp(), d));
            tensors.put(p + "mlp.c_proj.bias", constant(dtype, 0f, d));
        }
        tensors.put("ln_f.weight", constant(dtype, 1f, d));
        tensors.put("ln_f.bias", constant(dtype, 0f, d));
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, Map.of("format", "pt", "generator", "eap-explorer random-model seed " + seed));

        JsonObject config = new JsonObject();
        config.addProperty("model_type", "gpt2");
        config.addProperty("n_layer", c.nLayer());
        config.addProperty("n_head", c.nHead());
        config.addProperty("n_embd", d);
        if (c.attnOnly()) {
            config.addProperty("attn_only", true);  // TransformerLens's name; Gpt2Family reads it
        } else {
            config.addProperty("n_inner", c.dMlp());
        }
        config.addProperty("n_positions", c.nPositions());
        config.addProperty("vocab_size", c.vocabSize());
        config.addProperty("layer_norm_epsilon", c.layerNormEps());
        if (!c.attnOnly()) {
            config.addProperty("activation_function", "gelu_new");
        }
        org.eapexplorer.family.gpt2.Gpt2Family.addNonGpt2Keys(config, c);
        String configText = new GsonBuilder().setPrettyPrinting().create().toJson(config);
        org.eapexplorer.io.AtomicFiles.writeText(dir.resolve("config.json"), w -> w.write(configText));

        if (c.vocabSize() == 50257 && gpt2Tokenizer != null) {
            for (String f : List.of(Tokenizers.VOCAB_JSON, Tokenizers.MERGES_TXT)) {
                Files.copy(gpt2Tokenizer.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } else {
            List<String> vocab = new ArrayList<>();
            vocab.add(WordLevelTokenizer.UNK);
            for (int i = 1; i < c.vocabSize(); i++) {
                vocab.add("t" + i);
            }
            WordLevelTokenizer.save(dir.resolve(Tokenizers.TOKENIZER_JSON), vocab);
        }
    }

    private static TensorData gaussian(SplittableRandom random, DType dtype, long... shape) {
        float[] v = new float[Math.toIntExact(shape[0] * (shape.length > 1 ? shape[1] : 1))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (0.02 * nextGaussian(random));
        }
        return tensor(dtype, v, shape);
    }

    private static TensorData constant(DType dtype, float value, long n) {
        float[] v = new float[Math.toIntExact(n)];
        java.util.Arrays.fill(v, value);
        return tensor(dtype, v, n);
    }

    private static TensorData tensor(DType dtype, float[] v, long... shape) {
        return switch (dtype) {
            case F32 -> TensorData.f32(v, shape);
            case F16 -> TensorData.f16(v, shape);
            case BF16 -> TensorData.bf16(v, shape);
            default -> throw new IllegalArgumentException("random models are written as F32, F16 or BF16, not " + dtype);
        };
    }

    /** Box–Muller, so the weights depend only on the seed and not on the JDK's Random implementation. */
    private static double nextGaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
