package org.eapexplorer.ui.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.eapexplorer.download.HubDownloader;
import org.eapexplorer.download.LibtorchDownloader;
import org.eapexplorer.jobs.BackgroundJob;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.runtime.DjlRuntime;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * The window's two downloads, each a cancellable background job on the model worker (with the window's progress
 * bar and status line): "Get GPT-2 small…" fetches a model's files and, once they are all there and verified,
 * chooses the folder as the model and remembers it among the recent ones; "Enable GPU…" fetches DJL's CUDA
 * libtorch into DJL's cache. Failures go to the error reporter as readable messages.
 */
public final class DownloadViewModel {

    public static final String GPT2_REPO = "gpt2";
    public static final String REVISION = "main";
    static final String ERROR_TITLE = "Download failed";
    static final String GPU_ERROR_TITLE = "GPU set-up failed";

    private final AppState state;
    private final TaskExecutor executor;
    private final RunViewModel run;
    private final ErrorReporter errors;
    private URI gpuSource = URI.create(LibtorchDownloader.DEFAULT_BASE);
    private Path gpuCache = DjlRuntime.djlPytorchCache();

    public DownloadViewModel(AppState state, TaskExecutor executor, RunViewModel run, ErrorReporter errors) {
        this.state = state;
        this.executor = executor;
        this.run = run;
        this.errors = errors;
    }

    /** {@code models/gpt2} under the directory the program was started in. */
    public static Path defaultTarget() {
        return Path.of(System.getProperty("user.dir"), "models", "gpt2").toAbsolutePath().normalize();
    }

    public static URI defaultBase() {
        return HubDownloader.defaultBase();
    }

    /** What the dialog hands over, as typed: checks both and reports a readable error when one is unusable. */
    public JobHandle downloadGpt2(String targetText, String baseText) {
        Path target;
        URI base;
        try {
            target = Path.of(targetText == null ? "" : targetText.trim());
            if (target.toString().isEmpty()) {
                throw new IllegalArgumentException("Choose a folder to put the model in.");
            }
            base = parseBase(baseText);
        } catch (InvalidPathException e) {
            errors.report(ERROR_TITLE, new IllegalArgumentException("Not a usable folder: " + targetText));
            return null;
        } catch (IllegalArgumentException e) {
            errors.report(ERROR_TITLE, e);
            return null;
        }
        return downloadGpt2(target, base);
    }

    public JobHandle downloadGpt2(Path target, URI base) {
        return download(base, GPT2_REPO, REVISION, HubDownloader.GPT2_FILES, HubDownloader.GPT2_KNOWN_SHA256, target);
    }

    /** An http(s) address with a host, e.g. {@code https://huggingface.co}. */
    static URI parseBase(String text) {
        String t = text == null ? "" : text.trim();
        try {
            URI uri = new URI(t);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new IllegalArgumentException("Not a hub address: \"" + t + "\" (expected something like " + HubDownloader.DEFAULT_BASE + ")");
    }

    /** Queues the download; null (and a message) while another job runs. */
    public JobHandle download(URI base, String repo, String revision, List<String> files, Map<String, String> knownSha256,
                              Path target) {
        Path dir = RunViewModel.canonical(target);
        return submit("Downloading " + repo, new DownloadModelJob(base, repo, revision, files, knownSha256, dir), ERROR_TITLE, "Download",
                value -> {
                    state.jobFinished("Downloaded " + repo + " to " + dir);
                    run.modelDownloaded(dir);
                });
    }

    /**
     * File → Enable GPU…: fetches DJL's CUDA build of libtorch into DJL's cache (gpu-setup) as a cancellable job.
     * The libtorch this process runs on cannot change (a process loads one), so success says to restart.
     */
    public JobHandle enableGpu() {
        return enableGpu(gpuSource, gpuCache);
    }

    /** Where Enable GPU… fetches from: publish.djl.ai unless a test serves its own. */
    public URI gpuSource() {
        return gpuSource;
    }

    /** Where Enable GPU… puts libtorch: DJL's cache folder, where the next start looks. */
    public Path gpuCache() {
        return gpuCache;
    }

    /** For tests: a local server and a temporary cache instead of publish.djl.ai and DJL's cache. */
    public void useGpuSource(URI base, Path cache) {
        this.gpuSource = base;
        this.gpuCache = cache;
    }

    public JobHandle enableGpu(URI base, Path cache) {
        return submit("Enabling the GPU", new FetchLibtorchJob(base, cache), GPU_ERROR_TITLE, "GPU set-up",
                folder -> state.jobFinished("GPU libtorch " + folder.version() + " " + folder.flavor() + " is in " + folder.lib()
                        + ": restart EAP Explorer to use it (libtorch loads once per run)."));
    }

    /** Runs a download job with the window's progress bar, Cancel button and error reporting. */
    private <T> JobHandle submit(String title, BackgroundJob<T> job, String errorTitle, String what, Consumer<T> done) {
        if (state.isBusy()) {
            state.say("A job is running; cancel it first.");
            return null;
        }
        state.jobProgress(new JobProgress(title, -1, "Starting…"));
        JobHandle[] handle = new JobHandle[1];
        handle[0] = executor.submit(title, job, new JobListener<>() {
            @Override
            public void progress(JobProgress progress) {
                if (state.isBusy()) {
                    state.jobProgress(progress);
                }
            }

            @Override
            public void succeeded(T value) {
                run.untrack(handle[0]);
                done.accept(value);
            }

            @Override
            public void failed(Throwable error) {
                run.untrack(handle[0]);
                state.jobFinished(what + " failed: " + ErrorReporter.describe(error));
                errors.report(errorTitle, error);
            }

            @Override
            public void cancelled() {
                run.untrack(handle[0]);
                state.jobFinished(what + " cancelled; what was fetched is kept, and the next try resumes.");
            }
        });
        // The window's Cancel button (and shutdown) go through the run view model.
        if (!handle[0].isDone()) {
            run.track(handle[0]);
        }
        return handle[0];
    }
}
