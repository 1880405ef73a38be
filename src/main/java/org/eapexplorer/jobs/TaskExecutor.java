package org.eapexplorer.jobs;

/**
 * Runs background jobs one at a time. The application has exactly one, backed by a single worker thread,
 * because all model work must stay on one thread (DJL's gradient collector is global, its scopes per thread);
 * tests use {@link DirectTaskExecutor}, which runs each job at once on the caller's thread.
 */
public interface TaskExecutor extends AutoCloseable {

    /** Queues {@code job}; the listener hears about it on the UI thread. */
    <T> JobHandle submit(String title, BackgroundJob<T> job, JobListener<T> listener);

    /** Cancels what is queued or running and stops the worker once it is idle; idempotent. */
    @Override
    void close();
}
