package org.eapexplorer.ui.run;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eapexplorer.download.HubDownloader;
import org.eapexplorer.jobs.JobHandle;
import org.eapexplorer.jobs.JobListener;
import org.eapexplorer.jobs.JobProgress;
import org.eapexplorer.jobs.TaskExecutor;
import org.eapexplorer.ui.AppState;
import org.eapexplorer.ui.ErrorReporter;

/**
 * "Get GPT-2 small…": downloads a model's files as a cancellable background job on the model worker (with the
 * window's progress bar and status line) and, once they are all there and verified, chooses the folder as the
 * model and remembers it among the recent ones. Failures go to the error reporter as readable messages.
 */
public final class DownloadViewModel {

    public static final String GPT2_REPO = "gpt2";
    public static final String REVISION = "main";
    static final String ERROR_TITLE = "Download failed";

    private final AppState state;
    private final TaskExecutor executor;
    private final RunViewModel run;
    private final ErrorReporter errors;

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
        if (state.isBusy()) {
            state.say("A job is running; cancel it first.");
            return null;
        }
        Path dir = RunViewModel.canonical(target);
        String title = "Downloading " + repo;
        state.jobProgress(new JobProgress(title, -1, "Starting…"));
        JobHandle[] handle = new JobHandle[1];
        handle[0] = executor.submit(title, new DownloadModelJob(base, repo, revision, files, knownSha256, dir), new JobListener<>() {
            @Override
            public void progress(JobProgress progress) {
                if (state.isBusy()) {
                    state.jobProgress(progress);
                }
            }

            @Override
            public void succeeded(Path value) {
                run.untrack(handle[0]);
                state.jobFinished("Downloaded " + repo + " to " + dir);
                run.modelDownloaded(dir);
            }

            @Override
            public void failed(Throwable error) {
                run.untrack(handle[0]);
                state.jobFinished("Download failed: " + ErrorReporter.describe(error));
                errors.report(ERROR_TITLE, error);
            }

            @Override
            public void cancelled() {
                run.untrack(handle[0]);
                state.jobFinished("Download cancelled.");
            }
        });
        // The window's Cancel button (and shutdown) go through the run view model.
        if (!handle[0].isDone()) {
            run.track(handle[0]);
        }
        return handle[0];
    }
}
