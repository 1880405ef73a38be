package org.eapexplorer.jobs;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eapexplorer.attribution.CancellationToken;

/** A submitted job: cancel it, or (in tests and at shutdown) wait for it to finish. */
public final class JobHandle {

    private final String title;
    private final CancellationToken cancellation = new CancellationToken();
    /** Completes after the listener has been told the outcome. */
    final CompletableFuture<Void> finished = new CompletableFuture<>();

    JobHandle(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Asks the job to stop at its next check; a job that has not started yet never runs. */
    public void cancel() {
        cancellation.cancel();
    }

    public boolean isCancelled() {
        return cancellation.isCancelled();
    }

    public boolean isDone() {
        return finished.isDone();
    }

    /** Runs {@code action} once the outcome has been delivered (on the thread that delivered it), or now if it has. */
    public void whenDone(Runnable action) {
        finished.thenRun(action);
    }

    /** Blocks until the outcome has been delivered; never call it on the UI thread with the worker executor. */
    public void await(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        try {
            finished.get(timeout, unit);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    CancellationToken token() {
        return cancellation;
    }
}
