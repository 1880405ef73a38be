package org.eapexplorer.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.engine.Gpt2Probe;
import org.eapexplorer.training.Gpt2Trainer;
import org.eapexplorer.training.Gpt2TrainerLossPlot;
import org.eapexplorer.eval.GroundTruth;
import org.eapexplorer.io.StagedFolder;
import org.eapexplorer.model.Activation;
import org.eapexplorer.model.MetricKind;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PromptPair;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tasks.InductionCircuitAnalysis;
import org.eapexplorer.tasks.InductionPromptGenerator;
import org.eapexplorer.tasks.InductionTask;
import org.eapexplorer.tasks.PromptJsonl;
import org.eapexplorer.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a small GPT-2-architecture model on the induction task (see InductionTask) and write it as a Hugging Face "
                + "directory: config.json, model.safetensors, tokenizer.json, plus training.json (settings, loss curve, held-out "
                + "accuracy), loss.png and ground-truth.json (its induction circuit, derived without EAP).",
                "The defaults reproduce assets/models/induction-2l."})
final class TrainCommand implements Callable<Integer>, WritesFiles {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "model directory to write (a new or empty one, or any with --force)") Path out;
    @Option(names = "--force", description = "replace a non-empty --out folder whole (the new model is written beside it and "
            + "swapped in only when complete; without it, a non-empty folder is refused)") boolean force;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the initialisation and the training data (default: ${DEFAULT-VALUE})") long seed;
    @Option(names = "--steps", defaultValue = "2000") int steps;
    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "N") int batchSize;
    @Option(names = "--lr", defaultValue = "2e-3", description = "peak learning rate (default: ${DEFAULT-VALUE})") double learningRate;
    @Option(names = "--warmup", defaultValue = "100", paramLabel = "STEPS") int warmup;
    @Option(names = "--grad-clip", defaultValue = "1.0", paramLabel = "NORM") double gradClip;
    @Option(names = "--log-every", defaultValue = "100", paramLabel = "STEPS") int logEvery;
    @Option(names = "--layers", defaultValue = "2") int layers;
    @Option(names = "--heads", defaultValue = "4") int heads;
    @Option(names = "--d-model", defaultValue = "64") int dModel;
    @Option(names = "--d-mlp", defaultValue = "128", description = "MLP width, n_inner (default: ${DEFAULT-VALUE})") int dMlp;
    @Option(names = "--positions", defaultValue = "32", description = "context length, n_positions; training sequences have this length") int positions;
    @Option(names = "--held-out", defaultValue = "500", paramLabel = "N", description = "held-out repeated sequences for the final accuracy") int heldOut;
    @Option(names = "--prompts", paramLabel = "FILE", description = "also write the induction prompt pairs here (e.g. sample-prompts/induction.jsonl)") Path prompts;
    @Option(names = "--no-analysis", description = "skip the ground-truth circuit (ground-truth.json)") boolean noAnalysis;
    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "CPU threads for libtorch (default: ${DEFAULT-VALUE}: with more, libtorch adds up the embedding gradient "
                    + "in parallel, in an order that varies from run to run, so a seed no longer gives bit-identical weights)") int threads;
    @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|gpu|auto") String device;

    /** Held-out sequences evaluated at every log step (a prefix of the final held-out set). */
    private static final int LOG_HELD_OUT = 200;

    @Override
    public List<OutputGuard.Output> outputs() {
        return Arrays.asList(OutputGuard.Output.wholeFolder("--out", out, force), OutputGuard.Output.file("--prompts", prompts));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return Arrays.asList();
    }

    @Override
    public Integer call() throws Exception {
        if (threads <= 0) {
            throw new IllegalArgumentException("--threads must be positive, got " + threads);
        }
        System.setProperty(DjlRuntime.THREADS_PROPERTY, Integer.toString(threads));
        ModelConfig config = new ModelConfig(layers, heads, dModel, dMlp, positions, InductionTask.vocabSize(), 1e-5, Activation.GELU_TANH);
        Gpt2Trainer.Options options = new Gpt2Trainer.Options(steps, batchSize, learningRate, warmup, gradClip, logEvery);
        List<InductionTask.Sequence> logSet = InductionTask.sample(InductionTask.HELD_OUT_SEED, LOG_HELD_OUT, positions);
        List<int[]> logTokens = logSet.stream().map(InductionTask.Sequence::tokens).toList();
        JsonArray log = new JsonArray();
        List<Gpt2TrainerLossPlot.Point> points = new ArrayList<>();
        double seconds;
        String deviceText;
        // The whole model folder is written beside --out and swapped in when complete: a failed run leaves --out as it
        // was, and --force replaces it whole, with no file of the old model left beside the new one.
        List<PromptPair> pairs;
        try (StagedFolder staged = StagedFolder.create(out)) {
            Path folder = staged.path();
            try (Gpt2Trainer trainer = Gpt2Trainer.create(config, seed, ComputeDevice.parse(device))) {
                deviceText = trainer.deviceDescription();
                System.err.printf("training %d layers × %d heads, d_model %d, n_inner %d, vocab %d, context %d on %s: %d steps of %d sequences, seed %d%n",
                        layers, heads, dModel, dMlp, config.vocabSize(), positions, deviceText, steps, batchSize, seed);
                List<Gpt2Trainer.LogEntry> entries = trainer.train(options, InductionTask.batches(positions), e -> {
                    InductionTask.Accuracy acc = InductionTask.secondOccurrenceAccuracy(logSet, trainer.logits(logTokens));
                    JsonObject row = new JsonObject();
                    row.addProperty("step", e.step());
                    row.addProperty("train_loss", round(e.loss()));
                    row.addProperty("learning_rate", e.learningRate());
                    row.addProperty("seconds", round(e.elapsedSeconds()));
                    row.addProperty("held_out_accuracy", round(acc.fraction()));
                    row.addProperty("held_out_loss", round(acc.loss()));
                    log.add(row);
                    points.add(new Gpt2TrainerLossPlot.Point(e.step(), e.loss(), acc.fraction()));
                    System.err.printf(Locale.ROOT, "step %5d  loss %.4f  lr %.2e  held-out accuracy %.3f  (%.1f s)%n",
                            e.step(), e.loss(), e.learningRate(), acc.fraction(), e.elapsedSeconds());
                });
                seconds = entries.get(entries.size() - 1).elapsedSeconds();
                trainer.save(folder, InductionTask.vocabulary(), Map.of("task", "induction"));
            }

            JsonObject heldOutJson = new JsonObject();
            try (LanguageModel model = LanguageModel.load(folder, ComputeDevice.CPU); Tokenizer tokenizer = Tokenizer.loadFor(folder, model.config())) {
                List<InductionTask.Sequence> held = InductionTask.sample(InductionTask.HELD_OUT_SEED, heldOut, positions);
                InductionTask.Accuracy acc = InductionTask.secondOccurrenceAccuracy(held,
                        Gpt2Probe.allLogits(model, held.stream().map(InductionTask.Sequence::tokens).toList()));
                heldOutJson.addProperty("seed", InductionTask.HELD_OUT_SEED);
                heldOutJson.addProperty("sequences", heldOut);
                heldOutJson.addProperty("length", positions);
                heldOutJson.addProperty("predictions", acc.total());
                heldOutJson.addProperty("correct", acc.correct());
                heldOutJson.addProperty("accuracy", round(acc.fraction()));
                heldOutJson.addProperty("loss", round(acc.loss()));
                System.err.printf(Locale.ROOT, "saved %s; held-out top-1 accuracy on the second occurrence %.4f (%d/%d), loss %.4f%n",
                        out, acc.fraction(), acc.correct(), acc.total(), acc.loss());

                pairs = new InductionPromptGenerator(tokenizer).generate(InductionPromptGenerator.DEFAULT_COUNT, InductionPromptGenerator.DEFAULT_SEED);
                if (!noAnalysis) {
                    List<Integer> lines = new ArrayList<>();
                    for (int i = 1; i <= pairs.size(); i++) {
                        lines.add(i);
                    }
                    List<TokenizedPair> encoded = PromptEncoder.encode(new PromptSet("induction", pairs, lines, MetricKind.LOGIT_DIFF),
                            tokenizer, config);
                    GroundTruth truth = new InductionCircuitAnalysis(model, encoded).derive(out.getFileName().toString());
                    truth.write(folder.resolve("ground-truth.json"));
                    System.err.println("ground truth: " + truth.headClasses() + ", " + truth.edges().size() + " edges; wrote "
                            + out.resolve("ground-truth.json"));
                }
            }

            JsonObject json = new JsonObject();
            // The parse result of a subcommand holds the whole command line, subcommand name included.
            json.addProperty("command", "eap-explorer " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
            json.addProperty("task", "induction: walks on a random cycle of 6-20 words with jumps (p=" + InductionTask.JUMP_PROBABILITY
                    + "); loss on the positions whose next word follows from an earlier occurrence");
            json.addProperty("seed", seed);
            json.addProperty("steps", steps);
            json.addProperty("batch_size", batchSize);
            json.addProperty("sequence_length", positions);
            json.addProperty("learning_rate", learningRate);
            json.addProperty("schedule", "linear warm-up over " + warmup + " steps, cosine decay to 10%");
            json.addProperty("optimizer", "Adam, beta1 " + Gpt2Trainer.Options.BETA1 + ", beta2 " + Gpt2Trainer.Options.BETA2 + ", eps "
                    + Gpt2Trainer.Options.EPSILON + ", no weight decay, gradient norm clipped at " + gradClip);
            json.addProperty("device", deviceText);
            json.addProperty("train_seconds", round(seconds));
            json.add("log", log);
            json.add("held_out", heldOutJson);
            org.eapexplorer.io.FiniteJson.requireFinite(out.resolve("training.json"), json);  // a diverged run's NaN loss is refused, not written
            String text = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(json) + "\n";
            org.eapexplorer.io.AtomicFiles.writeText(folder.resolve("training.json"), w -> w.write(text));
            Gpt2TrainerLossPlot.write(folder.resolve("loss.png"), String.format(Locale.ROOT, "%s: %d layers × %d heads, seed %d",
                    out.getFileName(), layers, heads, seed), points);
            staged.commit();
        }
        if (prompts != null) {
            PromptJsonl.write(prompts, pairs);
            System.err.println("wrote " + pairs.size() + " prompt pairs to " + prompts);
        }
        System.err.printf(Locale.ROOT, "trained in %.1f s; wrote training.json and loss.png%n", seconds);
        return 0;
    }

    private static double round(double x) {
        return Math.round(x * 1e4) / 1e4;
    }
}
