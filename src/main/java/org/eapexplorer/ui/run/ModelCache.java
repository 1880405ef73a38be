package org.eapexplorer.ui.run;

import java.io.IOException;
import java.nio.file.Path;
import org.eapexplorer.engine.ComputeDevice;
import org.eapexplorer.engine.Gpt2Model;
import org.eapexplorer.engine.Tokenizer;
import org.eapexplorer.task.JobContext;

/**
 * The loaded model and its tokenizer, kept between runs so that a second Run on the same model skips
 * loading. Touched only by jobs, i.e. on the worker thread; the window never sees what is inside.
 */
public final class ModelCache implements AutoCloseable {

    /** A model ready for EAP; {@code loadMillis} is 0 when it was already loaded. */
    public record Loaded(Gpt2Model model, Tokenizer tokenizer, double loadMillis) {
    }

    private Path dir;
    private ComputeDevice device;
    private Gpt2Model model;
    private Tokenizer tokenizer;

    public Loaded acquire(Path modelDir, ComputeDevice choice, JobContext context) throws IOException {
        Path key = modelDir.toAbsolutePath().normalize();
        if (model != null && key.equals(dir) && choice == device) {
            return new Loaded(model, tokenizer, 0);
        }
        close();
        context.message("Loading model " + key.getFileName() + "…");
        long start = System.nanoTime();
        Gpt2Model loaded = Gpt2Model.load(key, choice);
        try {
            context.throwIfCancelled();
            Tokenizer loadedTokenizer = Tokenizer.load(key);
            model = loaded;
            tokenizer = loadedTokenizer;
            dir = key;
            device = choice;
            return new Loaded(model, tokenizer, (System.nanoTime() - start) / 1e6);
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
        device = null;
    }
}
