package org.eapexplorer.cli;

import java.nio.file.Path;
import org.eapexplorer.runtime.ComputeDevice;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.runtime.LibtorchChoice;
import picocli.CommandLine.Option;

/** Options shared by every command that loads a model. */
final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR|NAME", converter = ShippedName.Model.class,
            description = "a Hugging Face model folder of GPT-2, Llama, Qwen2, Qwen3, Mistral, Gemma-2, Gemma-3, OLMo-2 or GPT-NeoX (config.json, model.safetensors or its "
                    + "shards, tokenizer.json or vocab.json+merges.txt), or a shipped model by name, e.g. induction-2l ('list' names them)")
    Path model;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "cpu|gpu|auto",
            description = "where to compute (default: ${DEFAULT-VALUE}: a CUDA GPU if PyTorch sees one, else the CPU)")
    String device;

    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for libtorch (default: libtorch's choice, the number of cores)")
    Integer threads;

    @Option(names = "--libtorch", paramLabel = "DIR",
            description = "a libtorch 2.7.1 folder or pip torch==2.7.1's torch/lib to load instead of the bundled CPU build, e.g. a CUDA 12.8 build for --device gpu (default: $EAP_LIBTORCH, DJL's PYTORCH_LIBRARY_PATH, a CUDA build in DJL's cache, the bundled CPU build)")
    Path libtorch;

    /** More threads than any machine this runs on has cores. */
    static final int MAX_THREADS = 1024;

    /** The model folder, as an input nothing may be written into. */
    OutputGuard.Input input() {
        return OutputGuard.Input.of("--model", model);
    }

    ComputeDevice device() {
        return ComputeDevice.parse(device);
    }

    /** Must run before the engine starts: which libtorch and how many threads are fixed when libtorch loads. */
    void applyRuntime() {
        DjlRuntime.useLibtorch(LibtorchChoice.select(libtorch, System.getenv(), null, DjlRuntime.djlPytorchCache()));
        if (threads != null) {
            if (threads <= 0) {
                throw new IllegalArgumentException("--threads must be positive, got " + threads);
            }
            if (threads > MAX_THREADS) {
                // libtorch would try to start them all at the first large operation.
                throw new IllegalArgumentException("--threads " + threads + " is too many: at most " + MAX_THREADS);
            }
            System.setProperty(DjlRuntime.THREADS_PROPERTY, Integer.toString(threads));
        }
    }
}
