package org.eapexplorer.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.eapexplorer.runtime.Diagnostics;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.runtime.LibtorchChoice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Print what this program runs on: versions, the libtorch loaded (cpu or cuXXX) and from where, "
                + "the CUDA devices PyTorch sees or why none, threads, allocator settings, and whether anything may use the network.")
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--libtorch", paramLabel = "DIR", description = "check and load this libtorch " + "2.7.1 folder or pip torch/lib (default: $"
            + LibtorchChoice.ENV + ", then DJL's PYTORCH_LIBRARY_PATH, then a CUDA build fetched into DJL's cache, then the bundled CPU build)")
    Path libtorch;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (libtorch != null) {
            DjlRuntime.useLibtorch(LibtorchChoice.select(libtorch, System.getenv(), null, DjlRuntime.djlPytorchCache()));
        }
        DjlRuntime.onNotice(line -> { });   // doctor prints the note among its facts
        Diagnostics diagnostics = Diagnostics.gather();
        spec.commandLine().getOut().print(diagnostics.text());
        spec.commandLine().getOut().flush();
        return diagnostics.libtorchLoaded() ? 0 : 1;
    }
}
