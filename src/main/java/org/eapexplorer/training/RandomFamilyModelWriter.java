package org.eapexplorer.training;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.eapexplorer.family.gemma2.Gemma2Names;
import org.eapexplorer.family.gemma3.Gemma3Family;
import org.eapexplorer.family.llama.LlamaNames;
import org.eapexplorer.family.qwen3.Qwen3Family;
import org.eapexplorer.family.neox.GptNeoXNames;
import org.eapexplorer.family.olmo2.Olmo2Family;
import org.eapexplorer.io.AtomicFiles;
import org.eapexplorer.model.Family;
import org.eapexplorer.safetensors.CheckpointWriter;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.safetensors.StreamedTensor;
import org.eapexplorer.tokenizer.TokenizerJsonWriter;
import org.eapexplorer.tokenizer.Tokenizers;

/**
 * Writes a Llama, Qwen2, Qwen3, Mistral, Gemma-2/3, OLMo-2 or GPT-NeoX model with random weights as a Hugging Face directory, in the exact layout of
 * {@code modeling_llama.py}, {@code modeling_qwen2.py} and {@code modeling_gpt_neox.py}: their tensor names, nn.Linear's
 * [out, in] storage, no lm_head/embed_out tensor when the embedding is tied (as {@code save_pretrained} drops it), the
 * config.json keys of the family's published checkpoints, and a tokenizer.json with the family's BOS convention.
 *
 * <p>Initialisation as Hugging Face's {@code _init_weights}: N(0, 0.02) matrices and embeddings, zero biases, unit norm
 * gains (and zero LayerNorm biases). Each tensor draws from its own generator, seeded by the seed and the tensor's
 * name, so its values do not depend on which tensors come before it (nor on the sharding). Values are produced while
 * the file is written, a buffer at a time: writing Qwen2.5-0.5B's shape holds no tensor in memory.
 */
public final class RandomFamilyModelWriter {

    private static final double INIT_STD = 0.02;
    private static final int GPT2_VOCAB = 50257;
    private static final int GPT2_END_OF_TEXT_ID = 50256;
    static final String LLAMA3_BOS = "<|begin_of_text|>";

    private RandomFamilyModelWriter() {
    }

    /**
     * @param gpt2Tokenizer directory with GPT-2's vocab.json and merges.txt, made into a byte-level tokenizer.json when
     *                      the vocabulary holds GPT-2's 50,257 tokens; otherwise (or when null) a word-level tokenizer
     *                      of tokens t3, t4, … after the special ones is written
     * @return the safetensors files written
     */
    public static List<Path> write(Path dir, RandomFamilyModel m, Path gpt2Tokenizer) throws IOException {
        Files.createDirectories(dir);
        TokenizerChoice tokenizer = TokenizerChoice.of(m, gpt2Tokenizer);
        List<Path> files = CheckpointWriter.write(dir, tensors(m), Map.of("format", "pt",
                "generator", "eap-explorer random-model --arch " + m.family().option() + " seed " + m.seed()),
                m.maxShardBytes());
        String config = new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(config(m, tokenizer)) + "\n";
        AtomicFiles.writeText(dir.resolve("config.json"), w -> w.write(config));
        String tokenizerJson = tokenizer.json(m, gpt2Tokenizer);
        AtomicFiles.writeText(dir.resolve(Tokenizers.TOKENIZER_JSON), w -> w.write(tokenizerJson));
        return files;
    }

    /** The model's tensors in Hugging Face's module order, values drawn as they are written. */
    static List<StreamedTensor> tensors(RandomFamilyModel m) {
        Tensors t = new Tensors(m);
        return switch (m.family()) {
            case GPT_NEOX -> t.neox();
            case GEMMA2, GEMMA3 -> t.gemma();
            case OLMO2 -> t.olmo2();
            default -> t.llama();
        };
    }

    private record Tensors(RandomFamilyModel m, List<StreamedTensor> out) {
        Tensors(RandomFamilyModel m) {
            this(m, new ArrayList<>());
        }

        List<StreamedTensor> llama() {
            gaussian(LlamaNames.EMBED, m.vocab(), m.dModel());
            for (int l = 0; l < m.layers(); l++) {
                attention(l, m.family() == Family.QWEN2);
                if (m.family() == Family.QWEN3) {
                    constant(LlamaNames.weight(l, Qwen3Family.Q_NORM), 1, m.headDim());
                    constant(LlamaNames.weight(l, Qwen3Family.K_NORM), 1, m.headDim());
                }
                mlp(l);
                constant(LlamaNames.weight(l, LlamaNames.NORM1), 1, m.dModel());
                constant(LlamaNames.weight(l, LlamaNames.NORM2), 1, m.dModel());
            }
            return top(1);
        }

        /** Gemma-2's and Gemma-3's: Llama's projections, four norms a block and (Gemma-3) q/k norms, all at w = 0 (a gain of 1 + w). */
        List<StreamedTensor> gemma() {
            int d = m.dModel();
            gaussian(LlamaNames.EMBED, m.vocab(), d);
            for (int l = 0; l < m.layers(); l++) {
                constant(LlamaNames.weight(l, Gemma2Names.INPUT_NORM), 0, d);
                attention(l, false);
                if (m.family() == Family.GEMMA3) {
                    constant(LlamaNames.weight(l, Gemma3Family.Q_NORM), 0, m.headDim());
                    constant(LlamaNames.weight(l, Gemma3Family.K_NORM), 0, m.headDim());
                }
                constant(LlamaNames.weight(l, Gemma2Names.POST_ATTENTION_NORM), 0, d);
                constant(LlamaNames.weight(l, Gemma2Names.PRE_FEEDFORWARD_NORM), 0, d);
                mlp(l);
                constant(LlamaNames.weight(l, Gemma2Names.POST_FEEDFORWARD_NORM), 0, d);
            }
            return top(0);
        }

        /** OLMo-2's: Llama's projections, q/k norms over the whole projection, the two output norms and no input norms (gains 1). */
        List<StreamedTensor> olmo2() {
            int d = m.dModel();
            gaussian(LlamaNames.EMBED, m.vocab(), d);
            for (int l = 0; l < m.layers(); l++) {
                attention(l, false);
                constant(LlamaNames.weight(l, Olmo2Family.Q_NORM), 1, (long) m.heads() * m.headDim());
                constant(LlamaNames.weight(l, Olmo2Family.K_NORM), 1, (long) m.kvHeads() * m.headDim());
                constant(LlamaNames.weight(l, Olmo2Family.POST_ATTENTION_NORM), 1, d);
                mlp(l);
                constant(LlamaNames.weight(l, Olmo2Family.POST_FEEDFORWARD_NORM), 1, d);
            }
            return top(1);
        }

        /** Layer l's q, k, v and o projections (Llama's names, which the newer families share), q/k/v biases at 0 if asked. */
        private void attention(int l, boolean qkvBias) {
            int d = m.dModel();
            long q = (long) m.heads() * m.headDim();
            long kv = (long) m.kvHeads() * m.headDim();
            for (String which : List.of(LlamaNames.Q, LlamaNames.K, LlamaNames.V)) {
                long rows = which.equals(LlamaNames.Q) ? q : kv;
                gaussian(LlamaNames.weight(l, which), rows, d);
                if (qkvBias) {
                    constant(LlamaNames.bias(l, which), 0, rows);
                }
            }
            gaussian(LlamaNames.weight(l, LlamaNames.O), d, q);
        }

        /** Layer l's gated MLP: gate, up and down projections. */
        private void mlp(int l) {
            gaussian(LlamaNames.weight(l, LlamaNames.GATE), m.dMlp(), m.dModel());
            gaussian(LlamaNames.weight(l, LlamaNames.UP), m.dMlp(), m.dModel());
            gaussian(LlamaNames.weight(l, LlamaNames.DOWN), m.dModel(), m.dMlp());
        }

        /** The final norm at {@code gain} and, untied, the unembedding: the tensors after the last layer. */
        private List<StreamedTensor> top(float gain) {
            constant(LlamaNames.FINAL_NORM, gain, m.dModel());
            if (!m.tied()) {
                gaussian(LlamaNames.LM_HEAD, m.vocab(), m.dModel());
            }
            return out;
        }

        List<StreamedTensor> neox() {
            int d = m.dModel();
            gaussian(GptNeoXNames.EMBED, m.vocab(), d);
            for (int l = 0; l < m.layers(); l++) {
                constant(GptNeoXNames.weight(l, GptNeoXNames.NORM1), 1, d);
                constant(GptNeoXNames.bias(l, GptNeoXNames.NORM1), 0, d);
                constant(GptNeoXNames.weight(l, GptNeoXNames.NORM2), 1, d);
                constant(GptNeoXNames.bias(l, GptNeoXNames.NORM2), 0, d);
                // [3 d, d]: rows per head h are q_h, k_h, v_h in turn (the per-head interleaved layout).
                gaussian(GptNeoXNames.weight(l, GptNeoXNames.QKV), 3L * d, d);
                constant(GptNeoXNames.bias(l, GptNeoXNames.QKV), 0, 3L * d);
                gaussian(GptNeoXNames.weight(l, GptNeoXNames.DENSE), d, d);
                constant(GptNeoXNames.bias(l, GptNeoXNames.DENSE), 0, d);
                gaussian(GptNeoXNames.weight(l, GptNeoXNames.UP), m.dMlp(), d);
                constant(GptNeoXNames.bias(l, GptNeoXNames.UP), 0, m.dMlp());
                gaussian(GptNeoXNames.weight(l, GptNeoXNames.DOWN), d, m.dMlp());
                constant(GptNeoXNames.bias(l, GptNeoXNames.DOWN), 0, d);
            }
            constant(GptNeoXNames.FINAL_NORM + ".weight", 1, d);
            constant(GptNeoXNames.FINAL_NORM + ".bias", 0, d);
            if (!m.tied()) {
                gaussian(GptNeoXNames.UNEMBED, m.vocab(), d);
            }
            return out;
        }

        private void gaussian(String name, long... shape) {
            SplittableRandom random = new SplittableRandom(m.seed() ^ (0x9E3779B97F4A7C15L * (name.hashCode() + 1L)));
            out.add(new StreamedTensor(name, m.dtype(), shape, (buffer, count) -> {
                for (int i = 0; i < count; i++) {
                    buffer[i] = (float) (INIT_STD * nextGaussian(random));
                }
            }));
        }

        private void constant(String name, float value, long n) {
            out.add(new StreamedTensor(name, m.dtype(), new long[] {n}, (buffer, count) -> Arrays.fill(buffer, 0, count, value)));
        }
    }

    /** Box–Muller, so the weights depend only on the seed and not on the JDK's Random implementation. */
    private static double nextGaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Which tokenizer the model gets, and its special tokens' ids. Byte-level: GPT-2's {@code <|endoftext|>} (50256)
     * ends texts; Llama's tokenizer also starts every text with {@code <|begin_of_text|>} (50257, Llama-3's name),
     * or with {@code <|endoftext|>} when the vocabulary has no room for it. Word-level: Llama-2's {@code <unk>},
     * {@code <s>}, {@code </s>} at 0, 1, 2 ({@code <s>} starting every text); {@code <unk>},
     * {@code <|endoftext|>} at 0, 1 for Qwen2 and GPT-NeoX, whose tokenizers add no BOS.
     */
    private record TokenizerChoice(boolean byteLevel, List<String> specials, String bos, int bosId, int eosId) {

        static TokenizerChoice of(RandomFamilyModel m, Path gpt2Tokenizer) {
            // tokenizers that start texts with BOS (Gemma's with <bos>)
            boolean llama = m.family() == Family.LLAMA || m.family() == Family.MISTRAL || m.family() == Family.GEMMA2
                    || m.family() == Family.GEMMA3;
            if (gpt2Tokenizer != null && m.vocab() >= GPT2_VOCAB) {
                if (llama && m.vocab() > GPT2_VOCAB) {
                    return new TokenizerChoice(true, List.of(LLAMA3_BOS), LLAMA3_BOS, GPT2_VOCAB, GPT2_END_OF_TEXT_ID);
                }
                return new TokenizerChoice(true, List.of(), llama ? Tokenizers.GPT2_END_OF_TEXT : null,
                        GPT2_END_OF_TEXT_ID, GPT2_END_OF_TEXT_ID);
            }
            if (llama) {
                return new TokenizerChoice(false, List.of("<unk>", "<s>", "</s>"), "<s>", 1, 2);
            }
            return new TokenizerChoice(false, List.of("<unk>", Tokenizers.GPT2_END_OF_TEXT), null, 1, 1);
        }

        String json(RandomFamilyModel m, Path gpt2Tokenizer) throws IOException {
            if (byteLevel) {
                return TokenizerJsonWriter.byteLevel(gpt2Tokenizer, specials, bos);
            }
            List<String> vocab = new ArrayList<>(specials);
            for (int i = specials.size(); i < m.vocab(); i++) {
                vocab.add("t" + i);
            }
            // <unk> is the word-level model's unknown token, not a special one to keep out of the text.
            return TokenizerJsonWriter.wordLevel(vocab, specials.subList(1, specials.size()), bos);
        }
    }

    /** The rest of Gemma-2-2B's config.json keys (Gemma-3-1B's for Gemma-3), the sizes {@code m}'s. */
    private static JsonObject gemmaConfig(RandomFamilyModel m, JsonObject c) {
        boolean gemma3 = m.family() == Family.GEMMA3;
        c.addProperty("head_dim", m.headDim());
        c.addProperty("hidden_activation", "gelu_pytorch_tanh");
        if (!gemma3) {
            c.addProperty("hidden_act", "gelu_pytorch_tanh");   // Gemma-2-2B's config carries both; transformers reads hidden_activation
        }
        c.addProperty("rms_norm_eps", m.normEps());
        c.addProperty("rope_theta", m.ropeTheta());
        c.addProperty("attention_bias", false);
        c.addProperty("attention_dropout", 0.0);
        c.addProperty("query_pre_attn_scalar", m.headDim());
        c.addProperty("pad_token_id", 0);
        c.addProperty("cache_implementation", "hybrid");
        if (m.slidingWindow() == 0) {
            c.add("sliding_window", null);
            JsonArray types = new JsonArray();
            for (int l = 0; l < m.layers(); l++) {
                types.add("full_attention");
            }
            c.add("layer_types", types);
        } else {
            c.addProperty("sliding_window", m.slidingWindow());
        }
        if (gemma3) {
            c.add("attn_logit_softcapping", null);
            c.add("final_logit_softcapping", null);
            c.addProperty("rope_local_base_freq", 10000.0);
            c.add("rope_scaling", null);
            c.addProperty("sliding_window_pattern", 6);
        } else {
            c.addProperty("attn_logit_softcapping", 50.0);
            c.addProperty("final_logit_softcapping", 30.0);
        }
        return c;
    }

    /** config.json as the family's published checkpoints have it (TinyLlama, Qwen2.5-0.5B, Qwen3-0.6B, Mistral-7B-v0.1, Pythia). */
    static JsonObject config(RandomFamilyModel m, TokenizerChoice tokenizer) {
        JsonObject c = new JsonObject();
        JsonArray architectures = new JsonArray();
        architectures.add(m.family().architecture());
        c.add("architectures", architectures);
        c.addProperty("model_type", m.family().modelType());
        c.addProperty("vocab_size", m.vocab());
        c.addProperty("hidden_size", m.dModel());
        c.addProperty("intermediate_size", m.dMlp());
        c.addProperty("num_hidden_layers", m.layers());
        c.addProperty("num_attention_heads", m.heads());
        c.addProperty("max_position_embeddings", m.positions());
        c.addProperty("initializer_range", INIT_STD);
        c.addProperty("bos_token_id", tokenizer.bosId());
        c.addProperty("eos_token_id", tokenizer.eosId());
        c.addProperty("tie_word_embeddings", m.tied());
        c.addProperty("torch_dtype", switch (m.dtype()) {
            case F16 -> "float16";
            case BF16 -> "bfloat16";
            default -> "float32";
        });
        c.addProperty("use_cache", true);
        if (m.family() == Family.GPT_NEOX) {
            c.addProperty("hidden_act", "gelu");
            c.addProperty("layer_norm_eps", m.normEps());
            c.addProperty("rotary_pct", m.rotaryPct());
            c.addProperty("rotary_emb_base", (long) m.ropeTheta());
            c.addProperty("use_parallel_residual", m.parallelResidual());
            c.addProperty("attention_dropout", 0.0);
            c.addProperty("hidden_dropout", 0.0);
            return c;
        }
        c.addProperty("num_key_value_heads", m.kvHeads());
        if (m.family() == Family.GEMMA2 || m.family() == Family.GEMMA3) {
            return gemmaConfig(m, c);
        }
        c.addProperty("hidden_act", "silu");
        c.addProperty("rms_norm_eps", m.normEps());
        c.addProperty("rope_theta", m.ropeTheta());
        if (m.family() == Family.MISTRAL) {
            // Mistral-7B-v0.1's: no rope_scaling, attention_dropout or head_dim (unless the heads are not d_model / heads wide)
            if (m.explicitHeadDim() != 0) {
                c.addProperty("head_dim", m.explicitHeadDim());
            }
            if (m.slidingWindow() == 0) {
                c.add("sliding_window", null);
            } else {
                c.addProperty("sliding_window", m.slidingWindow());
            }
            return c;
        }
        c.add("rope_scaling", null);
        c.addProperty("attention_dropout", 0.0);
        if (m.family() == Family.QWEN3) {
            // Qwen3-0.6B's
            c.addProperty("head_dim", m.headDim());
            c.addProperty("attention_bias", false);
            c.addProperty("use_sliding_window", false);
            c.add("sliding_window", null);
            c.addProperty("max_window_layers", m.layers());
        } else if (m.family() == Family.OLMO2) {
            // OLMo-2-0425-1B's (no head_dim: Olmo2Config has none)
            c.addProperty("attention_bias", false);
        } else if (m.family() == Family.LLAMA) {
            c.addProperty("attention_bias", false);
            c.addProperty("mlp_bias", false);
            c.addProperty("pretraining_tp", 1);
        } else {
            c.addProperty("use_sliding_window", false);
            c.addProperty("sliding_window", m.positions());
            c.addProperty("max_window_layers", m.layers());
        }
        return c;
    }
}
