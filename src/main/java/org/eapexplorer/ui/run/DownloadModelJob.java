package org.eapexplorer.ui.run;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eapexplorer.download.HubDownloader;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobContext;

/** Fetches a model's files from a hub into a folder on the worker thread; hands back the folder. */
public final class DownloadModelJob implements BackgroundJob<Path> {

    private final URI base;
    private final String repo;
    private final String revision;
    private final List<String> files;
    private final Map<String, String> knownSha256;
    private final Path target;

    public DownloadModelJob(URI base, String repo, String revision, List<String> files, Map<String, String> knownSha256,
                            Path target) {
        this.base = base;
        this.repo = repo;
        this.revision = revision;
        this.files = List.copyOf(files);
        this.knownSha256 = Map.copyOf(knownSha256);
        this.target = target;
    }

    @Override
    public Path run(JobContext context) throws Exception {
        context.message("Connecting to " + base + "…");
        List<HubDownloader.Fetched> fetched = new HubDownloader(base).download(repo, revision, files, target, knownSha256, context,
                context.cancellation());
        context.throwIfCancelled();
        context.message("Downloaded into " + target + "; checked: " + String.join("; ",
                fetched.stream().map(f -> f.name() + " " + f.checked()).toList()));
        return target;
    }
}
