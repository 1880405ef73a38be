package org.eapexplorer.jobs;

import org.eapexplorer.attribution.CancellationToken;
import org.eapexplorer.attribution.ProgressListener;

/** What a running job sees of its executor: where to report progress, and whether it has been cancelled. */
public final class JobContext implements ProgressListener {

    private final CancellationToken cancellation;
    private final ProgressListener progress;

    JobContext(CancellationToken cancellation, ProgressListener progress) {
        this.cancellation = cancellation;
        this.progress = progress;
    }

    /** A context that reports nowhere and is never cancelled, for calling a job's code directly. */
    public static JobContext detached() {
        return new JobContext(new CancellationToken(), ProgressListener.NONE);
    }

    public CancellationToken cancellation() {
        return cancellation;
    }

    @Override
    public void progress(long done, long total, String message) {
        progress.progress(done, total, message);
    }

    /** Progress without a known fraction: the bar shows activity, the status line the message. */
    public void message(String message) {
        progress.progress(-1, -1, message);
    }

    public void throwIfCancelled() {
        cancellation.throwIfCancelled();
    }
}
