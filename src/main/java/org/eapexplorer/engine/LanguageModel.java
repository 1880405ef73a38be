package org.eapexplorer.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.family.ModelFamilies;
import org.eapexplorer.family.ModelFamily;
import org.eapexplorer.io.ModelFiles;
import org.eapexplorer.model.GraphIndex;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.ModelFormatException;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.ModelDevice;
import org.eapexplorer.safetensors.SafetensorsCheckpoint;

/**
 * A transformer language model of one of the supported families ({@link org.eapexplorer.model.Family}) loaded from a Hugging Face directory onto one device. Not thread-safe: all
 * model work runs on one worker thread (DJL's gradient collector is global and its scopes per-thread).
 */
public final class LanguageModel implements AutoCloseable {

    private final Path directory;
    private final ModelConfig config;
    private final GraphIndex graph;
    private final ModelDevice device;
    private final NDManager manager;
    private final TransformerWeights weights;
    private final TransformerForward forward;
    private final List<String> unreadConfigKeys;
    private boolean layerwiseGradients;
    /** Reused storage for the stacked upstream differences of EAP (hundreds of MB at GPT-2 small's size). */
    private NDArray upstreamBuffer;

    private LanguageModel(Path directory, ModelConfig config, ModelDevice device, NDManager manager, TransformerWeights weights,
                          List<String> unreadConfigKeys) {
        this.directory = directory;
        this.unreadConfigKeys = List.copyOf(unreadConfigKeys);
        this.config = config;
        this.graph = config.graph();
        this.device = device;
        this.manager = manager;
        this.weights = weights;
        this.forward = new TransformerForward(config, graph, weights);
    }

    /**
     * Reads {@code config.json} and the weights ({@code model.safetensors}, or the shards {@code model.safetensors.index.json}
     * lists, memory-mapped) from a Hugging Face model directory, through the reader of the family config.json names
     * ({@link ModelFamilies}).
     */
    public static LanguageModel load(Path directory, ComputeDevice choice) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory + ": not a directory (expected a Hugging Face model directory "
                    + "with config.json and model.safetensors)");
        }
        ModelFiles.checkNoUnfinishedDownload(directory);
        ModelFamilies.Read read = ModelFamilies.read(directory.resolve("config.json"));
        ModelConfig config = read.config();
        ModelDevice device = ModelDevice.open(choice);
        NDManager manager = device.newManager();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(directory)) {
            CheckpointTensors tensors = new CheckpointTensors(file);
            read.checkAgainst(tensors);
            TransformerWeights weights = TransformerWeights.load(tensors, read.family(), config, read.tiedEmbeddings(), manager,
                    ai.djl.ndarray.types.DataType.FLOAT32);
            return new LanguageModel(directory, config, device, manager, weights, read.unreadKeys());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * A model read from {@code directory}'s weights by {@code family} as {@code config} describes it, whatever its config.json
     * says: for tests of engine features no shipped family reads yet (an attention design of another family's).
     */
    static LanguageModel of(Path directory, ModelFamily family, ModelConfig config, boolean tied, ComputeDevice choice) throws IOException {
        ModelDevice device = ModelDevice.open(choice);
        NDManager manager = device.newManager();
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(directory)) {
            TransformerWeights weights = TransformerWeights.load(new CheckpointTensors(file), family, config, tied, manager,
                    ai.djl.ndarray.types.DataType.FLOAT32);
            return new LanguageModel(directory, config, device, manager, weights, List.of());
        } catch (IOException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Refuses, before anything is loaded, an EAP run on the CPU that cannot hold one pair of {@code tokens}-token prompts
     * in {@code availableBytes}, by {@link EapMemory}'s formula over config.json and the checkpoint's header (the weights
     * held at their stored width). A run that fits one pair but not the batch asked for has its batch lowered when it runs.
     */
    public static void requireMemoryFor(Path directory, int tokens, MethodSpec method, long availableBytes) throws IOException {
        ModelFamilies.Read read = ModelFamilies.read(directory.resolve("config.json"));
        long weightBytes = 0;
        boolean converts = false;
        try (SafetensorsCheckpoint file = SafetensorsCheckpoint.open(directory)) {
            for (String name : file.names()) {
                org.eapexplorer.safetensors.TensorInfo t = file.info(name).orElseThrow();
                weightBytes += t.end() - t.begin();
                converts |= t.dtype() != org.eapexplorer.safetensors.DType.F32;
            }
        }
        EapMemory memory = EapMemory.of(read.config(), weightBytes, converts, method);
        long one = memory.bytes(1, tokens);
        if (one > availableBytes * EapMemory.USABLE_FRACTION) {
            throw new InsufficientMemoryException(directory + ": " + method.describe() + " on one pair of " + tokens
                    + "-token prompts needs about " + EapMemory.gib(one) + " (the weights " + EapMemory.gib(weightBytes)
                    + ", the runtime and one layer " + EapMemory.gib(memory.fixedBytes()) + ", the pair "
                    + EapMemory.gib(memory.perPair(tokens)) + "), and this machine has " + EapMemory.gib(availableBytes)
                    + " available, of which " + (int) (EapMemory.USABLE_FRACTION * 100) + " % is used: no batch fits; "
                    + "free memory or use shorter prompts (docs/BENCHMARKS.md, \"Memory\", gives the formula)");
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * Keys of config.json that no transformers configuration class of the family defines, so nothing reads them (here or
     * in transformers); said to the user, since a misspelt key ({@code "rope_thetaa"}) is one, and its value then unused.
     */
    public List<String> unreadConfigKeys() {
        return unreadConfigKeys;
    }

    public ModelConfig config() {
        return config;
    }

    public GraphIndex graph() {
        return graph;
    }

    /** Where this model's tensors live, and the sizes (EAP batch, patching pass) that depend on it. */
    public ModelDevice device() {
        return device;
    }

    /** The batch to run {@code tokens}-token pairs in: {@link ModelDevice#fitBatchSize}. */
    public int fitBatchSize(int requested, int tokens) {
        return device.fitBatchSize(requested, config, tokens);
    }

    /**
     * The EAP batch for {@code tokens}-token pairs by {@code method}: the requested one, lowered to what the device's free
     * memory holds by {@link EapMemory}'s formula and, for half-precision weights, to {@link EapMemory#leanBatchBytes} (at
     * least one pair), never raised, and refused when not even one pair fits in free memory.
     */
    public int fitBatchSize(int requested, int tokens, MethodSpec method) {
        int gpu = device.fitBatchSize(requested, config, tokens);
        long free = device.freeBytes();
        EapMemory memory = memory(method);
        int fits = memory.pairsThatFit(free, tokens, gpu);
        if (weights.converts()) {
            // A half-precision model is a large one: its batch also keeps to the lean budget (a float32 model keeps the batch
            // asked for while it fits, as the benchmarks' batches of 100 do).
            fits = Math.min(fits, Math.max(1, memory.pairsThatFit(
                    (long) ((memory.transientBytes() + memory.leanBatchBytes()) / EapMemory.USABLE_FRACTION), tokens, gpu)));
        }
        if (fits < 1) {
            throw new InsufficientMemoryException(directory + ": one pair of " + tokens + "-token prompts needs about "
                    + EapMemory.gib(memory.transientBytes() + memory.perPair(tokens)) + " beside the weights and the runtime, and "
                    + device.describe() + " has " + EapMemory.gib(free) + " free");
        }
        return fits;
    }

    /** What an EAP batch of this model takes by {@code method}: {@link EapMemory}. */
    public EapMemory memory(MethodSpec method) {
        return EapMemory.of(config, weights.bytes(), layerwiseGradients(), method);
    }

    /** "CPU (2 threads)" or "GPU 0 (CUDA)": what the status line and the score file report. */
    public String deviceDescription() {
        return device.describe();
    }

    /** Logits at each prompt's last token, [prompt][vocab]. */
    public float[][] lastTokenLogits(List<int[]> prompts) {
        try (NDManager m = manager.newSubManager()) {
            ForwardRun run = forward.run(m, TokenBatch.of(prompts, config.nPositions()), ForwardOptions.LOGITS_ONLY);
            return rows(run.logits.toFloatArray(), prompts.size(), config.vocabSize());
        }
    }

    /** Logits at every position of one prompt, [position][vocab]. */
    public float[][] allLogits(int[] prompt) {
        try (NDManager m = manager.newSubManager()) {
            ForwardRun run = forward.run(m, TokenBatch.of(List.of(prompt), config.nPositions()),
                    ForwardOptions.LOGITS_ONLY.withAllPositions());
            return rows(run.logits.toFloatArray(), prompt.length, config.vocabSize());
        }
    }

    /** The task metric per pair, on the clean or the corrupted prompts. */
    public double[] metric(List<TokenizedPair> pairs, MetricKind kind, boolean corrupted) {
        try (NDManager m = manager.newSubManager()) {
            List<int[]> prompts = pairs.stream().map(p -> corrupted ? p.corrupted() : p.clean()).toList();
            ForwardRun run = forward.run(m, TokenBatch.of(prompts, config.nPositions()), ForwardOptions.LOGITS_ONLY);
            NDArray values = TaskMetric.perPrompt(m, run.logits, kind, pairs, config.vocabSize());
            return toDoubles(values.toFloatArray());
        }
    }

    /**
     * A [rows, cols] float array backed by storage that is kept between calls, so a fresh EAP batch writes
     * into memory that is already mapped. Its contents are undefined until written.
     */
    NDArray scratch(long rows, long cols) {
        long needed = rows * cols;
        if (upstreamBuffer == null || upstreamBuffer.size() < needed) {
            if (upstreamBuffer != null) {
                upstreamBuffer.close();
            }
            upstreamBuffer = manager.zeros(new ai.djl.ndarray.types.Shape(needed));
        }
        // The slice is a view of the buffer made in the model's manager: closed here, or each batch would leave one there,
        // and a leftover view keeps a buffer it outgrew alive (seen as RSS growing batch by batch on large models).
        try (NDArray flat = upstreamBuffer.get(new ai.djl.ndarray.index.NDIndex("0:{}", needed))) {
            return flat.reshape(rows, cols);
        }
    }

    /**
     * Whether gradient passes go down the model one layer's graph at a time ({@link LayerwiseGradients}): when weights are
     * converted to the compute dtype as each layer runs, so that no pass keeps a whole model of converted weights.
     */
    boolean layerwiseGradients() {
        return layerwiseGradients || weights.converts();
    }

    /** Takes gradient passes layer by layer even where the weights need no conversion (tests hold the two ways equal). */
    void forceLayerwiseGradients(boolean on) {
        layerwiseGradients = on;
    }

    NDManager manager() {
        return manager;
    }

    TransformerForward forward() {
        return forward;
    }

    TransformerWeights weights() {
        return weights;
    }

    @Override
    public void close() {
        manager.close();
    }

    static float[][] rows(float[] flat, int n, int width) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width);
        }
        return out;
    }

    static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
