package org.eapexplorer.ui.run;

import java.net.URI;
import java.nio.file.Path;
import org.eapexplorer.download.LibtorchDownloader;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobContext;
import org.eapexplorer.runtime.LibtorchFolder;

/** gpu-setup on the worker thread: DJL's CUDA libtorch into DJL's cache; hands back the checked folder. */
public final class FetchLibtorchJob implements BackgroundJob<LibtorchFolder> {

    private final URI base;
    private final Path cache;

    public FetchLibtorchJob(URI base, Path cache) {
        this.base = base;
        this.cache = cache;
    }

    @Override
    public LibtorchFolder run(JobContext context) throws Exception {
        context.message("Connecting to " + base + "…");
        LibtorchFolder folder = new LibtorchDownloader(base).fetch(cache, context, context.cancellation());
        context.throwIfCancelled();
        return folder;
    }
}
