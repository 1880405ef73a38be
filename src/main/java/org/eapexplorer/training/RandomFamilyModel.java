package org.eapexplorer.training;

import org.eapexplorer.model.Family;
import org.eapexplorer.safetensors.DType;

/**
 * The shape of a random Llama, Qwen2, Qwen3, Mistral or GPT-NeoX model for {@link RandomFamilyModelWriter}: what its config.json says
 * and its tensors hold. {@link #defaults} gives a small model of each family.
 *
 * @param kvHeads          key/value heads (grouped-query attention); equal to {@code heads} for GPT-NeoX
 * @param dMlp             the MLP's hidden width, Hugging Face's {@code intermediate_size}
 * @param positions        {@code max_position_embeddings}
 * @param tied             whether the unembedding is the embedding ({@code tie_word_embeddings}, no lm_head tensor)
 * @param rotaryPct        GPT-NeoX: the fraction of each head's dimensions rotated ({@code rotary_pct}); 1 otherwise
 * @param parallelResidual GPT-NeoX: attention and MLP read the same residual ({@code use_parallel_residual})
 * @param maxShardBytes    the weights are split into shards with an index when they exceed this many bytes
 * @param explicitHeadDim  features per head where config.json says {@code head_dim} (Qwen3 always does), 0 for
 *                         d_model / heads
 * @param slidingWindow    Mistral: {@code sliding_window} (every layer), 0 for {@code null}
 */
public record RandomFamilyModel(Family family, int layers, int heads, int kvHeads, int dModel, int dMlp, int vocab,
        int positions, boolean tied, DType dtype, double rotaryPct, boolean parallelResidual, long seed,
        long maxShardBytes, int explicitHeadDim, int slidingWindow) {

    /** Hugging Face's default {@code max_shard_size}, 5 GB. */
    public static final long DEFAULT_SHARD_BYTES = 5_000_000_000L;

    /** A model whose heads are d_model / heads wide and that has no sliding window. */
    public RandomFamilyModel(Family family, int layers, int heads, int kvHeads, int dModel, int dMlp, int vocab, int positions,
                             boolean tied, DType dtype, double rotaryPct, boolean parallelResidual, long seed, long maxShardBytes) {
        this(family, layers, heads, kvHeads, dModel, dMlp, vocab, positions, tied, dtype, rotaryPct, parallelResidual, seed,
                maxShardBytes, 0, 0);
    }

    public RandomFamilyModel {
        java.util.Objects.requireNonNull(family, "family");
        java.util.Objects.requireNonNull(dtype, "dtype");
        if (family == Family.GPT2) {
            throw new IllegalArgumentException("GPT-2's random models are RandomModelWriter's");
        }
        if (layers < 1 || heads < 1 || kvHeads < 1 || dModel < 1 || dMlp < 1 || positions < 1) {
            throw new IllegalArgumentException("layers, heads, kv-heads, d-model, d-mlp and positions must be positive");
        }
        if (explicitHeadDim < 0 || slidingWindow < 0) {
            throw new IllegalArgumentException("head-dim and sliding-window must be positive");
        }
        if (explicitHeadDim == 0 && dModel % heads != 0) {
            throw new IllegalArgumentException("d-model " + dModel + " is not a multiple of the " + heads + " heads");
        }
        boolean gemma = family == Family.GEMMA2 || family == Family.GEMMA3;
        if (explicitHeadDim != 0 && family != Family.QWEN3 && family != Family.MISTRAL && !gemma) {
            throw new IllegalArgumentException("head-dim is a Qwen3, Mistral and Gemma option");
        }
        if (slidingWindow != 0 && family != Family.MISTRAL && !gemma) {
            throw new IllegalArgumentException("sliding-window is a Mistral and Gemma option");
        }
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads do not split into groups of the " + kvHeads + " key/value heads");
        }
        if (family == Family.GPT_NEOX && kvHeads != heads) {
            throw new IllegalArgumentException("GPT-NeoX has no grouped-query attention: kv-heads must equal heads");
        }
        if (family != Family.GPT_NEOX && (rotaryPct != 1 || !parallelResidual)) {
            throw new IllegalArgumentException("rotary-pct and parallel/sequential residuals are GPT-NeoX options");
        }
        int headDim = explicitHeadDim != 0 ? explicitHeadDim : dModel / heads;
        if (headDim % 2 != 0) {
            throw new IllegalArgumentException("the head dimension " + headDim + " must be even for rotary embeddings");
        }
        if (!(rotaryPct > 0 && rotaryPct <= 1) || (int) (headDim * rotaryPct) % 2 != 0 || (int) (headDim * rotaryPct) == 0) {
            throw new IllegalArgumentException("rotary-pct " + rotaryPct + " must rotate an even, non-zero number of the "
                    + headDim + " dimensions of a head");
        }
        if (vocab < 4) {
            throw new IllegalArgumentException("vocab " + vocab + ": at least 4 tokens (the special ones and a word)");
        }
        if (!dtype.isReadableAsFloat()) {
            throw new IllegalArgumentException("random models are written as F32, F16 or BF16, not " + dtype);
        }
        if (maxShardBytes <= 0) {
            throw new IllegalArgumentException("shard size " + maxShardBytes + " bytes");
        }
    }

    /**
     * A small model of {@code family} with GPT-2's byte-level vocabulary padded to 50,304 as Pythia's is: 4 layers of 4
     * heads (2 key/value heads for Llama and Qwen2), d_model 128, F32, each family's own tying (Qwen2 ties, the others
     * do not) and, for GPT-NeoX, Pythia's quarter rotary and parallel residual.
     */
    public static RandomFamilyModel defaults(Family family) {
        boolean neox = family == Family.GPT_NEOX;
        boolean gemma = family == Family.GEMMA2 || family == Family.GEMMA3;
        boolean tied = family == Family.QWEN2 || family == Family.QWEN3 || gemma;
        // Qwen3-0.6B: heads twice d_model / heads wide, tied, a 40,960 context; Mistral-7B: a 4,096 window in 32,768;
        // Gemma-2-2B: heads of 256 in d_model 2304 / 8 heads, a 4,096 window on every other layer in 8,192; Gemma-3-1B: a
        // 512 window on five layers of six in 32,768.
        int positions = switch (family) {
            case QWEN2, MISTRAL, GEMMA3 -> 32768;
            case QWEN3 -> 40960;
            case GEMMA2 -> 8192;
            case OLMO2 -> 4096;
            default -> 2048;
        };
        int window = switch (family) {
            case MISTRAL, GEMMA2 -> 4096;
            case GEMMA3 -> 512;
            default -> 0;
        };
        return new RandomFamilyModel(family, 4, 4, neox ? 4 : 2, 128, neox ? 512 : 384, 50304, positions, tied, DType.F32,
                neox ? 0.25 : 1, true, 0, DEFAULT_SHARD_BYTES, family == Family.QWEN3 || gemma ? 64 : 0, window);
    }

    public int headDim() {
        return explicitHeadDim != 0 ? explicitHeadDim : dModel / heads;
    }

    /** {@code rope_theta} (Pythia's {@code rotary_emb_base}): Qwen2's, Qwen3's and Gemma-3's 1,000,000, OLMo-2's 500,000, else 10,000. */
    public double ropeTheta() {
        return family == Family.QWEN2 || family == Family.QWEN3 || family == Family.GEMMA3 ? 1e6 : family == Family.OLMO2 ? 5e5 : 1e4;
    }

    /** {@code rms_norm_eps} (Qwen2.5's and Qwen3's 1e-6, Llama's and Mistral-7B's 1e-5), or GPT-NeoX's {@code layer_norm_eps} 1e-5. */
    public double normEps() {
        return family == Family.QWEN2 || family == Family.QWEN3 || family == Family.GEMMA2 || family == Family.GEMMA3
                || family == Family.OLMO2 ? 1e-6 : 1e-5;
    }

    public RandomFamilyModel withSeed(long newSeed) {
        return new RandomFamilyModel(family, layers, heads, kvHeads, dModel, dMlp, vocab, positions, tied, dtype,
                rotaryPct, parallelResidual, newSeed, maxShardBytes, explicitHeadDim, slidingWindow);
    }

    public RandomFamilyModel withShardBytes(long bytes) {
        return new RandomFamilyModel(family, layers, heads, kvHeads, dModel, dMlp, vocab, positions, tied, dtype,
                rotaryPct, parallelResidual, seed, bytes, explicitHeadDim, slidingWindow);
    }
}
