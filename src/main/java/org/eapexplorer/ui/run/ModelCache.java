package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.eapexplorer.attribution.PromptEncoder;
import org.eapexplorer.engine.LanguageModel;
import org.eapexplorer.io.ModelFiles;
import org.eapexplorer.io.PromptPairFile;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.model.PromptSet;
import org.eapexplorer.model.TokenizedPair;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.tokenizer.Tokenizer;

/**
 * The loaded model and its tokenizer, kept between runs so that a second Run on the same model skips
 * loading. Touched only by jobs, i.e. on the worker thread; the window never sees what is inside.
 */
public final class ModelCache implements AutoCloseable {

    /**
     * A model ready for EAP; {@code loadMillis} is 0 when it was already loaded. {@code files} is the folder's
     * {@link ModelFiles#fingerprint}, taken before it was read (null when it could not be taken): what the model was
     * loaded from, for a result to record and patching to compare, without hashing the folder again.
     */
    public record Loaded(LanguageModel model, Tokenizer tokenizer, double loadMillis, String files) {
    }

    /** A prompt file read and tokenised for a loaded model: what every model job starts from. */
    public record Prepared(Loaded loaded, PromptSet prompts, List<TokenizedPair> pairs) {
        public LanguageModel model() {
            return loaded.model();
        }
    }

    /** Reads the prompt file, loads (or reuses) the model, tokenises; checks for cancellation between the steps. */
    public Prepared prepare(Path modelDir, Path promptFile, ComputeDevice choice, JobContext context) throws IOException {
        context.message("Reading " + promptFile.getFileName() + "…");
        PromptSet set = PromptPairFile.read(promptFile);
        context.throwIfCancelled();
        Loaded loaded = acquire(modelDir, choice, context);
        context.throwIfCancelled();
        context.message("Tokenising " + set.size() + " prompt pairs…");
        return new Prepared(loaded, set, PromptEncoder.encode(set, loaded.tokenizer(), loaded.model().config()));
    }

    private Path dir;
    private String fingerprint;
    private ComputeDevice device;
    private LanguageModel model;
    private Tokenizer tokenizer;

    public Loaded acquire(Path modelDir, ComputeDevice choice, JobContext context) throws IOException {
        Path key = modelDir.toAbsolutePath().normalize();
        // The folder's files, not only its path: a config.json, tokenizer or weights changed since the load (an edit,
        // random-model --force) loads the model again rather than computing with the old one.
        String files;
        try {
            files = ModelFiles.fingerprint(key);
        } catch (IOException e) {
            files = null;  // no weights, or a file that cannot be read: loading says what is wrong
        }
        if (model != null && key.equals(dir) && files != null && files.equals(fingerprint) && choice == device) {
            return new Loaded(model, tokenizer, 0, files);
        }
        close();
        context.message("Loading model " + key.getFileName() + "…");
        long start = System.nanoTime();
        LanguageModel loaded = LanguageModel.load(key, choice);
        try {
            context.throwIfCancelled();
            Tokenizer loadedTokenizer = Tokenizer.loadFor(key, loaded.config());
            model = loaded;
            tokenizer = loadedTokenizer;
            dir = key;
            fingerprint = files;
            device = choice;
            return new Loaded(model, tokenizer, (System.nanoTime() - start) / 1e6, files);
        } catch (IOException | RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    @Override
    public void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
        if (model != null) {
            model.close();
        }
        tokenizer = null;
        model = null;
        dir = null;
        fingerprint = null;
        device = null;
    }
}
