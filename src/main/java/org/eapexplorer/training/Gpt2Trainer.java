package org.eapexplorer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.eapexplorer.engine.DifferentiableForward;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.ModelDevice;
import org.eapexplorer.safetensors.SafetensorsWriter;
import org.eapexplorer.safetensors.TensorData;
import org.eapexplorer.tokenizer.Tokenizers;
import org.eapexplorer.tokenizer.WordLevelTokenizer;

/**
 * Trains a small GPT-2-architecture model from scratch with the program's own forward pass: the parameters
 * are NDArrays that require gradients, named as in a Hugging Face {@code model.safetensors}, and every step
 * runs the engine's forward pass ({@link DifferentiableForward}) over them inside a {@link GradientCollector}, so the model that is trained is by
 * construction the model that {@link LanguageModel#load} later reads (a test checks the logits agree after
 * saving). The optimiser is Adam (Kingma &amp; Ba 2015) without weight decay, with linear warm-up, cosine
 * decay and global gradient-norm clipping; its updates are applied in place outside the collector.
 *
 * <p>Initialisation is GPT-2's: N(0, 0.02) matrices and embeddings, the residual projections
 * ({@code attn.c_proj}, {@code mlp.c_proj}) scaled by 1/√(2·n_layer), zero biases, unit LayerNorm gains; the
 * unembedding is tied to {@code wte}. Everything random comes from one seed (initialisation and data from two
 * split streams). With one libtorch thread a run is bit-for-bit repeatable on the same machine; with more,
 * libtorch accumulates the token-embedding gradient of large batches in parallel (atomic adds), whose order,
 * and so the last bits, vary from run to run.
 *
 * <p>Not thread-safe; use it from one thread (DJL's gradient collector is global).
 */
public final class Gpt2Trainer implements AutoCloseable {

    /**
     * @param steps        optimiser steps
     * @param batchSize    sequences per step
     * @param learningRate peak learning rate, reached after {@code warmupSteps} and decayed by a cosine to 10 %
     * @param gradClip     largest global gradient norm (the gradient is scaled down beyond it); ≤ 0 turns clipping off
     * @param logEvery     a {@link LogEntry} every this many steps (and at the last step)
     */
    public record Options(int steps, int batchSize, double learningRate, int warmupSteps, double gradClip, int logEvery) {

        public static final double BETA1 = 0.9;
        public static final double BETA2 = 0.98;
        public static final double EPSILON = 1e-8;

        public Options {
            if (steps <= 0 || batchSize <= 0 || logEvery <= 0 || warmupSteps < 0) {
                throw new IllegalArgumentException("steps, batch size and log interval must be positive, warm-up not negative");
            }
            if (!(learningRate > 0)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
        }

        /** The learning rate of step {@code step} (1-based). */
        public double learningRate(int step) {
            if (step <= warmupSteps) {
                return learningRate * step / Math.max(1, warmupSteps);
            }
            double progress = (step - warmupSteps) / (double) Math.max(1, steps - warmupSteps);
            return learningRate * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * Math.min(1, progress))));
        }
    }

    /**
     * One batch of training sequences, all of one length, and which next-token predictions the loss counts:
     * {@code scored[b][t]} means position t of sequence b is trained to predict {@code tokens[b][t + 1]}.
     */
    public record Batch(int[][] tokens, boolean[][] scored) {

        public Batch {
            if (tokens.length == 0 || tokens.length != scored.length) {
                throw new IllegalArgumentException("a batch needs as many masks as sequences, and at least one");
            }
            int p = tokens[0].length;
            int counted = 0;
            for (int b = 0; b < tokens.length; b++) {
                if (tokens[b].length != p || scored[b].length != p) {
                    throw new IllegalArgumentException("sequence " + b + " of the batch has another length than the first (" + p + ")");
                }
                if (scored[b][p - 1]) {
                    throw new IllegalArgumentException("the last position has no next token to predict");
                }
                for (boolean s : scored[b]) {
                    counted += s ? 1 : 0;
                }
            }
            if (counted == 0) {
                throw new IllegalArgumentException("no position of the batch is scored");
            }
        }
    }

    /** Makes training batches; called once per step with the trainer's data stream. */
    @FunctionalInterface
    public interface BatchSource {
        Batch next(SplittableRandom random, int batchSize);
    }

    /**
     * @param loss           mean training loss (nats per scored token) over the steps since the previous entry
     * @param learningRate   the learning rate of {@code step}
     * @param elapsedSeconds wall clock since training started
     */
    public record LogEntry(int step, double loss, double learningRate, double elapsedSeconds) {
    }

    private final ModelConfig config;
    private final ModelDevice device;
    private final NDManager manager;
    private final Map<String, NDArray> parameters;
    private final Map<String, NDArray> firstMoment = new LinkedHashMap<>();
    private final Map<String, NDArray> secondMoment = new LinkedHashMap<>();
    private final SplittableRandom dataRandom;
    private final long seed;
    private int stepsDone;

    private Gpt2Trainer(ModelConfig config, ModelDevice device, NDManager manager, Map<String, NDArray> parameters,
                        SplittableRandom dataRandom, long seed) {
        this.config = config;
        this.device = device;
        this.manager = manager;
        this.parameters = parameters;
        this.dataRandom = dataRandom;
        this.seed = seed;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            firstMoment.put(e.getKey(), manager.zeros(e.getValue().getShape()));
            secondMoment.put(e.getKey(), manager.zeros(e.getValue().getShape()));
        }
    }

    /** A freshly initialised model; {@code config.activation()} must be GELU_TANH (what {@code gelu_new} names). */
    public static Gpt2Trainer create(ModelConfig config, long seed, ComputeDevice device) {
        if (config.activation() != Activation.GELU_TANH) {
            throw new IllegalArgumentException("the trainer writes activation_function gelu_new, so it trains GELU_TANH models only");
        }
        if (config.attnOnly()) {
            // Its parameters, initialisation and config.json are GPT-2's with MLPs; nothing here needs an attention-only one yet.
            throw new IllegalArgumentException("the trainer trains models with MLPs only, not attention-only ones");
        }
        ModelDevice modelDevice = ModelDevice.open(device);
        NDManager manager = modelDevice.newManager();
        try {
            SplittableRandom root = new SplittableRandom(seed);
            SplittableRandom init = root.split();
            SplittableRandom data = root.split();
            Map<String, NDArray> parameters = new LinkedHashMap<>();
            for (Map.Entry<String, TensorData> e : initialTensors(config, init).entrySet()) {
                NDArray p = ownedCopy(manager, e.getValue());
                p.setRequiresGradient(true);
                parameters.put(e.getKey(), p);
            }
            return new Gpt2Trainer(config, modelDevice, manager, parameters, data, seed);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** GPT-2's initialisation, as Hugging Face-named tensors in file order. */
    static Map<String, TensorData> initialTensors(ModelConfig c, SplittableRandom random) {
        int d = c.dModel();
        double std = 0.02;
        double projStd = std / Math.sqrt(2.0 * c.nLayer());
        Map<String, TensorData> t = new LinkedHashMap<>();
        t.put("wte.weight", gaussian(random, std, c.vocabSize(), d));
        t.put("wpe.weight", gaussian(random, std, c.nPositions(), d));
        for (int l = 0; l < c.nLayer(); l++) {
            String p = "h." + l + ".";
            t.put(p + "ln_1.weight", constant(1f, d));
            t.put(p + "ln_1.bias", constant(0f, d));
            t.put(p + "attn.c_attn.weight", gaussian(random, std, d, 3L * d));
            t.put(p + "attn.c_attn.bias", constant(0f, 3L * d));
            t.put(p + "attn.c_proj.weight", gaussian(random, projStd, d, d));
            t.put(p + "attn.c_proj.bias", constant(0f, d));
            t.put(p + "ln_2.weight", constant(1f, d));
            t.put(p + "ln_2.bias", constant(0f, d));
            t.put(p + "mlp.c_fc.weight", gaussian(random, std, d, c.dMlp()));
            t.put(p + "mlp.c_fc.bias", constant(0f, c.dMlp()));
            t.put(p + "mlp.c_proj.weight", gaussian(random, projStd, c.dMlp(), d));
            t.put(p + "mlp.c_proj.bias", constant(0f, d));
        }
        t.put("ln_f.weight", constant(1f, d));
        t.put("ln_f.bias", constant(0f, d));
        return t;
    }

    public ModelConfig config() {
        return config;
    }

    public int stepsDone() {
        return stepsDone;
    }

    /** "CPU (2 threads)" or "GPU 0 (CUDA)". */
    public String deviceDescription() {
        return device.describe();
    }

    /**
     * Runs {@code options.steps()} optimiser steps on batches from {@code data}; {@code onLog} hears about
     * every {@code logEvery}-th step (it may call {@link #logits} to evaluate). Returns the log entries.
     */
    public List<LogEntry> train(Options options, BatchSource data, Consumer<LogEntry> onLog) {
        long start = System.nanoTime();
        List<LogEntry> log = new ArrayList<>();
        double lossSum = 0;
        int lossCount = 0;
        for (int step = 1; step <= options.steps(); step++) {
            Batch batch = data.next(dataRandom, options.batchSize());
            double lr = options.learningRate(step);
            double loss = step(batch, lr, options.gradClip(), stepsDone + 1);
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("training diverged at step " + step + " (loss " + loss + "); lower the learning rate");
            }
            stepsDone++;
            lossSum += loss;
            lossCount++;
            if (step % options.logEvery() == 0 || step == options.steps()) {
                LogEntry entry = new LogEntry(step, lossSum / lossCount, lr, (System.nanoTime() - start) / 1e9);
                log.add(entry);
                onLog.accept(entry);
                lossSum = 0;
                lossCount = 0;
            }
        }
        return log;
    }

    /** Mean cross-entropy of the scored positions of {@code batch} under the current parameters, without training. */
    public double loss(Batch batch) {
        try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
            NDArray logits = forward(m, batch.tokens());
            return crossEntropy(m, logits, batch).getFloat();
        }
    }

    /** Logits at every position under the current parameters, [sequence][position][vocab]; sequences of one length. */
    public float[][][] logits(List<int[]> sequences) {
        try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
            int p = sequences.get(0).length;
            float[] flat = forward(m, sequences.toArray(int[][]::new)).toFloatArray();
            float[][][] out = new float[sequences.size()][p][];
            int v = config.vocabSize();
            for (int b = 0; b < out.length; b++) {
                for (int t = 0; t < p; t++) {
                    int from = (b * p + t) * v;
                    out[b][t] = Arrays.copyOfRange(flat, from, from + v);
                }
            }
            return out;
        }
    }

    /**
     * Writes the model as a Hugging Face directory: {@code config.json}, {@code model.safetensors} (F32) and a
     * word-level {@code tokenizer.json} of {@code vocab} (token i gets id i; its size must be the vocabulary size).
     */
    public void save(Path dir, List<String> vocab, Map<String, String> metadata) throws IOException {
        if (vocab.size() != config.vocabSize()) {
            throw new IllegalArgumentException(vocab.size() + " words for a vocabulary of " + config.vocabSize());
        }
        Files.createDirectories(dir);
        Map<String, TensorData> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            tensors.put(e.getKey(), TensorData.f32(e.getValue().toFloatArray(), e.getValue().getShape().getShape()));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("generator", "eap-explorer train, seed " + seed + ", " + stepsDone + " steps");
        meta.putAll(metadata);
        SafetensorsWriter.write(dir.resolve("model.safetensors"), tensors, meta);
        String configText = configJson(config);
        org.eapexplorer.io.AtomicFiles.writeText(dir.resolve("config.json"), w -> w.write(configText));
        WordLevelTokenizer.save(dir.resolve(Tokenizers.TOKENIZER_JSON), vocab);
    }

    /** The Hugging Face {@code config.json} of a GPT-2-architecture model of this shape. */
    static String configJson(ModelConfig c) {
        JsonObject json = new JsonObject();
        json.addProperty("model_type", "gpt2");
        JsonArray architectures = new JsonArray();
        architectures.add("GPT2LMHeadModel");
        json.add("architectures", architectures);
        json.addProperty("n_layer", c.nLayer());
        json.addProperty("n_head", c.nHead());
        json.addProperty("n_embd", c.dModel());
        json.addProperty("n_inner", c.dMlp());
        json.addProperty("n_positions", c.nPositions());
        json.addProperty("n_ctx", c.nPositions());
        json.addProperty("vocab_size", c.vocabSize());
        json.addProperty("layer_norm_epsilon", c.layerNormEps());
        json.addProperty("activation_function", "gelu_new");
        json.addProperty("tie_word_embeddings", true);
        org.eapexplorer.family.gpt2.Gpt2Family.addNonGpt2Keys(json, c);
        return new GsonBuilder().setPrettyPrinting().create().toJson(json) + "\n";
    }

    @Override
    public void close() {
        manager.close();
    }

    // ---------------------------------------------------------------------------------------------------

    /** One Adam step; returns the batch loss before the update. */
    private double step(Batch batch, double lr, double gradClip, int t) {
        try (NDScope scope = new NDScope(); NDManager m = manager.newSubManager()) {
            double loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray lossArray = crossEntropy(m, forward(m, batch.tokens()), batch);
                loss = lossArray.getFloat();
                collector.backward(lossArray);
            }
            update(lr, gradClip, t);
            return loss;
        }
    }

    /** All-position logits [B, P, V] of the forward pass over the current parameters. */
    private NDArray forward(NDManager m, int[][] tokens) {
        return DifferentiableForward.logitsAtAllPositions(m, config, parameters, tokens);
    }

    /** −Σ log softmax(logits)[target] / (number of scored positions): one-hot weights on the host, one product. */
    private NDArray crossEntropy(NDManager m, NDArray logits, Batch batch) {
        int b = batch.tokens().length;
        int p = batch.tokens()[0].length;
        int v = config.vocabSize();
        int counted = 0;
        for (boolean[] row : batch.scored()) {
            for (boolean s : row) {
                counted += s ? 1 : 0;
            }
        }
        float[] weights = new float[b * p * v];
        for (int i = 0; i < b; i++) {
            for (int t = 0; t + 1 < p; t++) {
                if (batch.scored()[i][t]) {
                    int target = batch.tokens()[i][t + 1];
                    if (target < 0 || target >= v) {
                        throw new IllegalArgumentException("token id " + target + " outside the vocabulary of " + v);
                    }
                    weights[(i * p + t) * v + target] = 1f / counted;
                }
            }
        }
        NDArray w = DifferentiableForward.owned(m.create(weights, new Shape(b, p, v)));
        return logits.logSoftmax(-1).mul(w).sum().neg();
    }

    /** Adam with bias correction, on detached views of the parameters (so autograd never sees the update); zeroes the gradients. */
    private void update(double lr, double gradClip, int t) {
        double scale = 1;
        if (gradClip > 0) {
            double squares = 0;
            for (NDArray p : parameters.values()) {
                squares += p.getGradient().square().sum().getFloat();
            }
            double norm = Math.sqrt(squares);
            if (norm > gradClip) {
                scale = gradClip / norm;
            }
        }
        double b1 = Options.BETA1;
        double b2 = Options.BETA2;
        double stepSize = lr * Math.sqrt(1 - Math.pow(b2, t)) / (1 - Math.pow(b1, t));
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = p.getGradient();
            NDArray scaled = g.mul(scale);
            NDArray mo = firstMoment.get(e.getKey());
            NDArray mv = secondMoment.get(e.getKey());
            mo.muli(b1).addi(scaled.mul(1 - b1));
            mv.muli(b2).addi(scaled.square().mul(1 - b2));
            NDArray change = mo.div(mv.sqrt().add(Options.EPSILON)).mul(stepSize);
            p.stopGradient().subi(change);
            g.subi(g);
        }
    }

    /**
     * The tensor in libtorch's own memory. DJL's CPU {@code create} wraps a Java buffer that must stay reachable
     * as long as libtorch uses the memory; parameters live as long as the trainer, are updated in place and are
     * viewed by every step's weights, so they should not depend on that.
     */
    private static NDArray ownedCopy(NDManager manager, TensorData t) {
        return DifferentiableForward.owned(manager.create(t.values(), new Shape(t.shape())));
    }

    private static TensorData gaussian(SplittableRandom random, double std, long rows, long cols) {
        float[] v = new float[Math.toIntExact(rows * cols)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * nextGaussian(random));
        }
        return TensorData.f32(v, rows, cols);
    }

    private static TensorData constant(float value, long n) {
        float[] v = new float[Math.toIntExact(n)];
        Arrays.fill(v, value);
        return TensorData.f32(v, n);
    }

    /** Box–Muller, so the weights depend only on the seed and not on the JDK's Random implementation. */
    private static double nextGaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
