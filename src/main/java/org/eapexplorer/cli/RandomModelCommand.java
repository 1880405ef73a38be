package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.eapexplorer.engine.RandomModelWriter;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PositionalEmbedding;
import org.eapexplorer.safetensors.DType;
import org.eapexplorer.tasks.SamplePrompts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "random-model", mixinStandardHelpOptions = true,
        description = "Write a GPT-2-architecture model with random weights (GPT-2 small's shape by default) as a Hugging Face directory, for benchmarks and tests.")
final class RandomModelCommand implements Callable<Integer>, WritesFiles {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory to create")
    Path out;

    @Option(names = "--layers", defaultValue = "12") int layers;
    @Option(names = "--heads", defaultValue = "12") int heads;
    @Option(names = "--d-model", defaultValue = "768") int dModel;
    @Option(names = "--positions", defaultValue = "1024") int positions;
    @Option(names = "--vocab", defaultValue = "50257", description = "50257 copies GPT-2's tokenizer; other sizes get a word-level vocabulary t1, t2, …") int vocab;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--attn-only", description = "no MLPs (config.json gets \"attn_only\": true), like ACDC's attn-only-4l") boolean attnOnly;
    @Option(names = "--shortformer", description = "TransformerLens's shortformer positional embedding (config.json gets \"positional_embedding_type\": \"shortformer\"): "
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
        return Arrays.asList(OutputGuard.Output.folder("--out", out));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList(vocab == 50257 ? OutputGuard.Input.of("--gpt2-tokenizer", gpt2Tokenizer()) : null);
    }

    @Override
    public Integer call() throws Exception {
        ModelConfig config = attnOnly ? ModelConfig.attentionOnly(layers, heads, dModel, positions, vocab, 1e-5)
                : new ModelConfig(layers, heads, dModel, 4 * dModel, positions, vocab, 1e-5, Activation.GELU_TANH);
        if (shortformer) {
            config = config.withPositionalEmbedding(PositionalEmbedding.SHORTFORMER);
        }
        DType type = DType.valueOf(dtype.toUpperCase(Locale.ROOT));
        RandomModelWriter.write(out, config, seed, type, gpt2Tokenizer());
        System.err.printf("wrote %s: %d layers × %d heads%s, d_model %d, vocab %d, %s, %d edges%n", out, layers, heads,
                (attnOnly ? " (attention only)" : "") + (shortformer ? " (shortformer)" : ""), dModel, vocab, type, config.graph().edgeCount());
        return 0;
    }
}
