package org.eapexplorer.jobs;

/**
 * Receives the outcome of a job on the UI thread (or, with {@link DirectTaskExecutor}, on the caller's thread).
 * Exactly one of {@link #succeeded}, {@link #failed} and {@link #cancelled} is called, after any progress.
 */
public interface JobListener<T> {

    default void progress(JobProgress progress) {
    }

    void succeeded(T value);

    void failed(Throwable error);

    default void cancelled() {
    }
}
