package org.eapexplorer.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.FileIdentity;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.io.ScoreMetadata;
import org.eapexplorer.model.MethodSpec;
import org.eapexplorer.model.ModelConfig;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.ScoreLevel;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.tokenizer.Tokenizer;

/** A model, its tokenizer and a prompt file, loaded and checked: what every model command starts from. */
record LoadedInputs(LanguageModel model, Tokenizer tokenizer, PromptSet prompts, List<TokenizedPair> pairs, double loadMillis)
        implements AutoCloseable {

    static LoadedInputs load(ModelOptions options, Path promptFile, StderrProgress progress) throws IOException {
        return load(options, promptFile, progress, null);
    }

    /**
     * @param scoring the method the inputs will be scored by, whose memory on the CPU is checked before the model loads
     *                ({@link LanguageModel#requireMemoryFor}); null for none
     */
    static LoadedInputs load(ModelOptions options, Path promptFile, StderrProgress progress, MethodSpec scoring) throws IOException {
        options.applyRuntime();
        PromptSet set = PromptPairFile.read(promptFile);
        if (scoring != null && options.device() == org.eapexplorer.runtime.ComputeDevice.CPU) {
            ModelConfig config = org.eapexplorer.family.ModelFamilies.read(options.model.resolve("config.json")).config();
            try (Tokenizer tokens = Tokenizer.loadFor(options.model, config)) {
                int longest = PromptEncoder.encode(set, tokens, config).stream()
                        .mapToInt(p -> Math.max(p.clean().length, p.corrupted().length)).max().orElse(1);
                LanguageModel.requireMemoryFor(options.model, longest, scoring, org.eapexplorer.runtime.ModelDevice.availableMemory());
            }
        }
        long start = System.nanoTime();
        progress.say("loading " + options.model);
        LanguageModel model = LanguageModel.load(options.model, options.device());
        try {
            Tokenizer tokenizer = Tokenizer.loadFor(options.model, model.config());
            double millis = (System.nanoTime() - start) / 1e6;
            String conventions = PromptEncoder.inputConventions(model.config(), tokenizer);
            progress.say(String.format("loaded %s (%d edges%s) on %s in %.0f ms", model.graph().describe(),
                    model.graph().edgeCount(), conventions.isEmpty() ? "" : "; " + conventions, model.deviceDescription(), millis));
            if (!model.unreadConfigKeys().isEmpty()) {
                progress.say(options.model.resolve("config.json") + ": not read, as no configuration class of "
                        + model.config().family().displayName() + " defines them (a misspelt key would be one): "
                        + String.join(", ", model.unreadConfigKeys()));
            }
            try {
                return new LoadedInputs(model, tokenizer, set, PromptEncoder.encode(set, tokenizer, model.config()), millis);
            } catch (RuntimeException e) {
                tokenizer.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * What a score file written from these inputs is. Hashes the prompt file and the model's files (streaming:
     * about 1 s for GPT-2 small's 500 MB, see docs/BENCHMARKS.md) and adds that time to {@code timing} as {@code hash}.
     */
    ScoreMetadata describe(String method, ModelOptions options, Path promptFile, Map<String, Double> timing) throws IOException {
        return describe(method, 0, "edge", options, promptFile, timing);
    }

    /** What a score file of this scoring method and level is. */
    ScoreMetadata describe(MethodSpec method, ScoreLevel level, ModelOptions options, Path promptFile, Map<String, Double> timing)
            throws IOException {
        return describe(method.method().cliName(), method.method().usesSteps() ? method.steps() : 0, level.cliName(), options, promptFile, timing);
    }

    private ScoreMetadata describe(String method, int steps, String level, ModelOptions options, Path promptFile, Map<String, Double> timing)
            throws IOException {
        long start = System.nanoTime();
        Path folder = options.model.toAbsolutePath().normalize();
        FileIdentity weights = FileIdentity.ofModel(String.valueOf(folder.getFileName()), folder);
        FileIdentity promptIdentity = FileIdentity.of(String.valueOf(promptFile.getFileName()), promptFile);
        timing.put("hash", (System.nanoTime() - start) / 1e6);
        return new ScoreMetadata(method, steps, level, model.config().dModel(), promptIdentity, weights, EapCli.VERSION);
    }

    @Override
    public void close() {
        tokenizer.close();
        model.close();
    }
}
