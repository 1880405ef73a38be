package org.eapexplorer.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.download.LibtorchDownloader;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.runtime.LibtorchChoice;
import org.eapexplorer.runtime.LibtorchFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "gpu-setup", mixinStandardHelpOptions = true,
        description = {"Fetch DJL's CUDA 12.8 build of libtorch " + LibtorchFolder.REQUIRED_VERSION + " (" + LibtorchDownloader.CLASSIFIER
                + ", several GB) from publish.djl.ai into DJL's cache folder, where the next start of the program finds it "
                + "(doctor shows it). Uses the network, as only this command, download and the window's File menu items for the two "
                + "do, and only when run.",
                "Interrupted or cancelled downloads resume. Checked before anything is installed: that DJL's index (files.txt) "
                + "lists every library a CUDA build needs (libc10.so, libc10_cuda.so, libtorch.so, libtorch_cpu.so, libtorch_cuda.so); each file's "
                + "length against the size the server states; each file's gzip CRC-32 and length as it is unpacked; that each "
                + "unpacked file is an ELF shared object for this machine; the result's libtorch version and flavour. "
                + "No published checksum is checked: DJL publishes none (its files.txt lists paths only, and its own download "
                + "checks nothing), so a file altered at the source that is still a well-formed library is not detected. "
                + "An index or folder that fails the checks is not kept. Should the installed build still fail to load, the "
                + "program uses its bundled CPU build and says why in one line.",
                "Offline: fetch a libtorch " + LibtorchFolder.REQUIRED_VERSION + " cu128 elsewhere and use --libtorch DIR instead."})
final class GpuSetupCommand implements Callable<Integer>, WritesFiles {

    @Option(names = "--base-url", paramLabel = "URL", description = "where DJL publishes libtorch (default: ${DEFAULT-VALUE})",
            defaultValue = LibtorchDownloader.DEFAULT_BASE)
    URI base;

    @Option(names = "--cache", paramLabel = "DIR", description = "DJL's PyTorch cache folder (default: the one DJL uses, "
            + "$DJL_CACHE_DIR/pytorch or ~/.djl.ai/pytorch; the files go to DIR/" + LibtorchChoice.CUDA_CACHE_NAME + ")")
    Path cache;

    @Option(names = "--read-timeout", defaultValue = "60", paramLabel = "SECONDS",
            description = "give up when the server sends nothing for this long (default: ${DEFAULT-VALUE})")
    double readTimeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Path cacheDir() {
        return cache != null ? cache : DjlRuntime.djlPytorchCache();
    }

    @Override
    public List<OutputGuard.Output> outputs() {
        return List.of(OutputGuard.Output.folder("--cache", cacheDir()));
    }

    @Override
    public List<OutputGuard.Input> inputs() {
        return List.of();
    }

    @Override
    public Integer call() throws Exception {
        StderrProgress progress = new StderrProgress();
        Path dir = cacheDir();
        CancellationToken cancel = new CancellationToken();
        LibtorchFolder folder = new LibtorchDownloader(base, DownloadCommand.seconds("--read-timeout", readTimeout))
                .fetch(dir, progress, cancel);
        spec.commandLine().getOut().println("libtorch " + folder.version() + " " + folder.flavor() + " in " + folder.lib()
                + ": the program uses it from its next start (check with: eap-explorer doctor), then --device gpu");
        spec.commandLine().getOut().flush();
        return 0;
    }
}
