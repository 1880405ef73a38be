package org.eapexplorer.jobs;

import java.util.concurrent.CancellationException;

/** The part of running a job that both executors share: call it, classify the outcome, report it. */
final class Jobs {

    private Jobs() {
    }

    /** The outcome of one run, reported later on the listener's thread. */
    sealed interface Outcome<T> {
        void deliver(JobListener<T> listener);
    }

    record Success<T>(T value) implements Outcome<T> {
        public void deliver(JobListener<T> listener) {
            listener.succeeded(value);
        }
    }

    record Failure<T>(Throwable error) implements Outcome<T> {
        public void deliver(JobListener<T> listener) {
            listener.failed(error);
        }
    }

    record Cancelled<T>() implements Outcome<T> {
        public void deliver(JobListener<T> listener) {
            listener.cancelled();
        }
    }

    static <T> Outcome<T> run(BackgroundJob<T> job, JobHandle handle, JobContext context) {
        if (handle.isCancelled()) {
            return new Cancelled<>();
        }
        try {
            T value = job.run(context);
            return handle.isCancelled() ? new Cancelled<>() : new Success<>(value);
        } catch (CancellationException e) {
            return new Cancelled<>();
        } catch (Exception | LinkageError | OutOfMemoryError e) {
            // LinkageError: a missing native library (libtorch) must reach the user as a message, not kill the worker.
            return handle.isCancelled() ? new Cancelled<>() : new Failure<>(e);
        }
    }
}
