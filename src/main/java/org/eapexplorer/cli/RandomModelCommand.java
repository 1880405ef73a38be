package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eapexplorer.io.StagedFolder;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.Family;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.tasks.SamplePrompts;
import org.eapexplorer.training.RandomFamilyModel;
import org.eapexplorer.training.RandomFamilyModelWriter;
import org.eapexplorer.training.RandomModelWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "random-model", mixinStandardHelpOptions = true,
        description = "Write a model with random weights as a Hugging Face directory, for benchmarks and tests: GPT-2 "
                + "(GPT-2 small's shape by default), or with --arch a Llama, Qwen2, Qwen3, Mistral, Gemma-2, Gemma-3, OLMo-2 or GPT-NeoX model in that family's exact "
                + "Hugging Face layout (a small one by default).")
final class RandomModelCommand implements Callable<Integer>, WritesFiles {

    private static final String GPT2 = "gpt2";

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to create (a new or empty one, or any with --force)")
    Path out;

    @Option(names = "--force", description = "replace a non-empty --out folder whole (the new model is written beside it and "
            + "swapped in only when complete; without it, a non-empty folder is refused)") boolean force;

    @Option(names = "--arch", defaultValue = GPT2, paramLabel = "gpt2|llama|qwen2|gpt-neox|qwen3|mistral|gemma2|gemma3",
            description = "the family: gpt2 (the default), llama (LlamaForCausalLM), qwen2 (Qwen2ForCausalLM), "
                    + "gpt-neox (GPTNeoXForCausalLM, Pythia), qwen3 (Qwen3ForCausalLM), mistral (MistralForCausalLM), gemma2 (Gemma2ForCausalLM), "
                    + "gemma3 (Gemma3ForCausalLM, the text model)") String arch;
    @Option(names = "--head-dim", description = "qwen3, mistral, gemma2, gemma3: features per head (head_dim); default 64 (qwen3, "
            + "gemma2, gemma3: twice d-model / heads, as Qwen3-0.6B's are), d-model / heads (mistral)") Integer headDim;
    @Option(names = "--sliding-window", description = "mistral, gemma2, gemma3: the window (sliding_window) of every layer (mistral), "
            + "every other layer (gemma2), five layers of six (gemma3); 0 for none; default 4096 (512 gemma3)") Integer slidingWindow;
    @Option(names = "--layers", description = "default 12 (gpt2), 4 (others)") Integer layers;
    @Option(names = "--heads", description = "query heads; default 12 (gpt2), 4 (others)") Integer heads;
    @Option(names = "--kv-heads", description = "llama, qwen2, qwen3, mistral: key/value heads, dividing --heads (default 2)") Integer kvHeads;
    @Option(names = "--d-model", description = "default 768 (gpt2), 128 (others)") Integer dModel;
    @Option(names = "--d-mlp", description = "the MLP's width (intermediate_size); default 4 × d-model (gpt2, gpt-neox), 3 × d-model (llama, qwen2)") Integer dMlp;
    @Option(names = "--positions", description = "context length (n_positions, max_position_embeddings); default 1024 (gpt2), "
            + "2048 (llama, gpt-neox), 32768 (qwen2)") Integer positions;
    @Option(names = "--vocab", description = "default 50257 (gpt2), 50304 (others); from 50257 on the tokenizer is GPT-2's "
            + "byte-level BPE, smaller ones get a word-level vocabulary of special tokens and t1, t2, …") Integer vocab;
    @Option(names = "--tie", negatable = true, description = "llama, qwen2, gpt-neox: tie the unembedding to the embedding "
            + "(no lm_head tensor); default: tied for qwen2 only, as the families' small models are") Boolean tie;
    @Option(names = "--rotary-pct", description = "gpt-neox: fraction of each head's dimensions rotated (default 0.25, Pythia's)") Double rotaryPct;
    @Option(names = "--parallel", negatable = true, description = "gpt-neox: --parallel (the default, Pythia's) reads the MLP "
            + "from the same residual as attention; --no-parallel (or --sequential) after it") Boolean parallel;
    @Option(names = "--sequential", description = "gpt-neox: the same as --no-parallel") boolean sequential;
    @Option(names = "--shard-size", paramLabel = "SIZE", description = "llama, qwen2, gpt-neox: split the weights into shards of at most "
            + "SIZE with a model.safetensors.index.json when they exceed it, as save_pretrained does: bytes, or 500MB, 2GB "
            + "(powers of 1000), 512MiB, 2GiB (powers of 1024); default 5GB") String shardSize;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--attn-only", description = "gpt2: no MLPs (config.json gets \"attn_only\": true), like ACDC's attn-only-4l") boolean attnOnly;
    @Option(names = "--shortformer", description = "gpt2: TransformerLens's shortformer positional embedding (config.json gets \"positional_embedding_type\": \"shortformer\"): "
            + "W_pos is added to every layer's q and k inputs, not to the residual stream, as in attn-only-4l") boolean shortformer;
    @Option(names = "--dtype", defaultValue = "f32", paramLabel = "f32|f16|bf16") String dtype;
    @Option(names = "--gpt2-tokenizer", paramLabel = "DIR",
            description = "where GPT-2's vocab.json and merges.txt are (default: the program's own assets/tokenizers/gpt2, "
                    + "in the working directory or beside the installed program)") Path gpt2Tokenizer;

    /** The option, else the shipped copy, found wherever the program is installed. */
    private Path gpt2Tokenizer() {
        return gpt2Tokenizer != null ? gpt2Tokenizer : SamplePrompts.gpt2Tokenizer();
    }

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.wholeFolder("--out", out, force));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        int v = vocab != null ? vocab : GPT2.equals(arch) ? 50257 : 50304;
        boolean gpt2Vocab = GPT2.equals(arch) ? v == 50257 : v >= 50257;
        return Arrays.asList(gpt2Vocab ? OutputGuard.Input.of("--gpt2-tokenizer", gpt2Tokenizer()) : null);
    }

    @Override
    public Integer call() throws Exception {
        DType type = DType.fromName(dtype.toUpperCase(Locale.ROOT)).filter(DType::isReadableAsFloat)
                .orElseThrow(() -> new IllegalArgumentException("--dtype " + dtype + ": expected f32, f16 or bf16"));
        if (GPT2.equals(arch)) {
            return writeGpt2(type);
        }
        Family family = Arrays.stream(Family.values())
                .filter(f -> f != Family.GPT2 && f.option().equals(arch)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--arch " + arch + ": expected gpt2, llama, qwen2, gpt-neox, qwen3, mistral, gemma2, gemma3 or olmo2"));
        refuse(attnOnly, "--attn-only", "gpt2");
        refuse(shortformer, "--shortformer", "gpt2");
        boolean neox = family == Family.GPT_NEOX;
        refuse(neox && kvHeads != null, "--kv-heads", "llama, qwen2, qwen3, mistral, gemma2, gemma3 and olmo2");
        refuse(!neox && (rotaryPct != null || parallel != null || sequential), "--rotary-pct, --parallel and --sequential", "gpt-neox");
        refuse(sequential && Boolean.TRUE.equals(parallel), "--sequential together with --parallel", "neither family");
        boolean gemma = family == Family.GEMMA2 || family == Family.GEMMA3;
        refuse(headDim != null && family != Family.QWEN3 && family != Family.MISTRAL && !gemma, "--head-dim", "qwen3, mistral, gemma2 and gemma3");
        refuse(slidingWindow != null && family != Family.MISTRAL && !gemma, "--sliding-window", "mistral, gemma2 and gemma3");
        RandomFamilyModel d = RandomFamilyModel.defaults(family);
        int h = or(heads, d.heads());
        int dm = or(dModel, d.dModel());
        RandomFamilyModel model = new RandomFamilyModel(family, or(layers, d.layers()), h,
                neox ? h : or(kvHeads, h % d.kvHeads() == 0 ? d.kvHeads() : h),
                dm, or(dMlp, (neox ? 4 : 3) * dm), or(vocab, d.vocab()), or(positions, d.positions()),
                tie != null ? tie : d.tied(), type, rotaryPct != null ? rotaryPct : d.rotaryPct(),
                sequential ? false : parallel != null ? parallel : d.parallelResidual(), seed,
                shardSize == null ? d.maxShardBytes() : ByteSize.parse("--shard-size", shardSize),
                headDim != null ? headDim : d.explicitHeadDim(), slidingWindow != null ? slidingWindow : d.slidingWindow());
        long start = System.nanoTime();
        List<Path> files;
        try (StagedFolder staged = StagedFolder.create(out)) {
            files = RandomFamilyModelWriter.write(staged.path(), model, gpt2Tokenizer());
            staged.commit();
        }
        System.err.printf(Locale.ROOT, "wrote %s: %s, %d layers × %d heads (%d key/value), d_model %d, d_mlp %d, vocab %d%s, %s, "
                        + "%d safetensors file%s, in %.1f s%n", out, family.architecture(), model.layers(), model.heads(), model.kvHeads(),
                model.dModel(), model.dMlp(), model.vocab(), model.tied() ? ", tied" : "", type, files.size(),
                files.size() == 1 ? "" : "s", (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private Integer writeGpt2(DType type) throws Exception {
        List<String> foreign = new ArrayList<>();
        if (kvHeads != null) {
            foreign.add("--kv-heads");
        }
        if (tie != null) {
            foreign.add("--tie");
        }
        if (rotaryPct != null || parallel != null || sequential) {
            foreign.add("--rotary-pct/--parallel/--sequential");
        }
        if (shardSize != null) {
            foreign.add("--shard-size");
        }
        if (headDim != null || slidingWindow != null) {
            foreign.add("--head-dim/--sliding-window");
        }
        if (!foreign.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", foreign) + ": not options of --arch gpt2 "
                    + "(GPT-2 is always tied, has no grouped-query attention or rotary embeddings, and is written whole)");
        }
        int l = or(layers, 12);
        int h = or(heads, 12);
        int dm = or(dModel, 768);
        int p = or(positions, 1024);
        int v = or(vocab, 50257);
        ModelConfig config = attnOnly ? ModelConfig.attentionOnly(l, h, dm, p, v, 1e-5)
                : new ModelConfig(l, h, dm, or(dMlp, 4 * dm), p, v, 1e-5, Activation.GELU_TANH);
        if (shortformer) {
            config = config.withPositionalEmbedding(PositionalEmbedding.SHORTFORMER);
        }
        try (StagedFolder staged = StagedFolder.create(out)) {
            RandomModelWriter.write(staged.path(), config, seed, type, gpt2Tokenizer());
            staged.commit();
        }
        System.err.printf("wrote %s: %d layers × %d heads%s, d_model %d, vocab %d, %s, %d edges%n", out, l, h,
                (attnOnly ? " (attention only)" : "") + (shortformer ? " (shortformer)" : ""), dm, v, type, config.graph().edgeCount());
        return 0;
    }

    private void refuse(boolean given, String option, String families) {
        if (given) {
            throw new IllegalArgumentException(option + ": only for --arch " + families + ", not " + arch);
        }
    }

    private static int or(Integer value, int fallback) {
        return value != null ? value : fallback;
    }
}
